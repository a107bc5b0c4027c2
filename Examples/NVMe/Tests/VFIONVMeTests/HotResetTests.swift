import Testing
import VFIO
import VFIONVMe

/// ``NVMeController/hotReset()`` against the emulated controller, whose `VFIO_DEVICE_PCI_HOT_RESET`
/// clears CC, CSTS and the PCI command register as a secondary bus reset does (or, when told,
/// leaves the controller running).
@Suite("NVMe driver: hot reset on an emulated controller")
struct HotResetTests {
  @Test("CSTS.RDY 1 before and 0 after; the controller comes back identified, its queues re-created, its blocks kept")
  func hotReset() throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    var queue = try controller.makeQueuePair(depth: 4)
    let data = ControllerTests.pattern(8, seed: 5)
    try data.withUnsafeBytes { bytes in try queue.write(lba: 16, blocks: 8, from: bytes) }
    let report = try controller.hotReset()
    #expect(report.statusBefore & 1 == 1 && report.statusAfter & 1 == 0 && report.configurationAfter & 1 == 0)
    #expect(report.identity == controller.identity)
    #expect(report.affected.map(\.groupID) == [7] && report.affected.map(\.bus) == [1])
    // The adopted container opened no group of its own: no descriptor to prove.
    #expect(emulator.hotResetGroupCounts == [0])
    #expect(
      emulator.opcodes.suffix(6) == ["hot reset", "set features 7", "create cq 1", "create sq 1", "identify 1", "identify 0"])
    #expect(emulator.pciCommand & 0x6 == 0x6)
    var back = [UInt8](repeating: 0, count: data.count)
    try back.withUnsafeMutableBytes { bytes in try queue.read(lba: 16, blocks: 8, into: bytes) }
    // Compared whole, not printed whole: a mismatch names its first differing byte.
    let firstDifference = back.indices.first { back[$0] != data[$0] }
    #expect(firstDifference == nil && emulator.opcodes.last == "read 16+8")
  }

  @Test("a hot reset that leaves the controller enabled ends in a typed error, the controller not driven as fresh")
  func resetThatDidNotReach() throws {
    let emulator = EmulatedNVMe()
    defer { emulator.stop() }
    let controller = try emulator.controller()
    emulator.hotResetReaches = false
    let error = try #require(throws: NVMeError.self) { _ = try controller.hotReset() }
    guard case .unsupported(let what) = error else { Issue.record("\(error)"); return }
    #expect(what == "after a hot reset CSTS is 0x00000001 and CC 0x00460001: the reset did not reach the controller")
    #expect(emulator.opcodes.last == "hot reset")
  }
}

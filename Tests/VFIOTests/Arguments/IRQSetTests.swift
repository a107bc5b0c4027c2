import CVFIO
import Testing

@testable import VFIO

@Suite("IRQ set builder")
struct IRQSetTests {
  /// What VFIO_DEVICE_GET_IRQ_INFO returns for MSI-X with `count` vectors.
  func info(count: UInt32, flags: IRQInfoFlags = [.eventfd, .maskable]) -> IRQInfo {
    var info = IRQInfo(index: .pciMSIX)
    info.rawValue.flags = flags.rawValue
    info.rawValue.count = count
    return info
  }

  let fixed = MemoryLayout<vfio_irq_set>.size

  @Test("Eventfds: flags, range, argsz and the s32 data, -1 de-assigning")
  func eventfds() throws {
    let set = try IRQSetArgument(.trigger, .eventfds([7, -1, 9]), start: 1, for: info(count: 4))
    let header = set.header
    #expect(header.flags == UInt32(VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER))
    #expect(header.index == UInt32(VFIO_PCI_MSIX_IRQ_INDEX) && header.start == 1 && header.count == 3)
    #expect(Int(header.argsz) == fixed + 3 * MemoryLayout<Int32>.size)
    let data = set.withUnsafeBytes { bytes in
      (0..<3).map { bytes.loadUnaligned(fromByteOffset: fixed + $0 * 4, as: Int32.self) }
    }
    #expect(data == [7, -1, 9])
  }

  @Test("Bools: one u8 per interrupt")
  func bools() throws {
    let set = try IRQSetArgument(.mask, .bools([true, false, true]), for: info(count: 3))
    #expect(set.header.flags == UInt32(VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_MASK))
    #expect(Int(set.header.argsz) == fixed + 3)
    #expect(set.withUnsafeBytes { Array($0[fixed...]) } == [1, 0, 1])
  }

  @Test("None: no data; trigger with count 0 disables the index")
  func none() throws {
    let unmask = try IRQSetArgument(.unmask, .none(count: 1), for: info(count: 1))
    #expect(unmask.header.flags == UInt32(VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK))
    #expect(Int(unmask.header.argsz) == fixed && unmask.header.count == 1)
    let disable = try IRQSetArgument(.trigger, .none(count: 0), for: info(count: 5))
    #expect(disable.header.count == 0 && disable.header.start == 0 && Int(disable.header.argsz) == fixed)
  }

  @Test("Ranges the kernel would refuse are refused with the numbers")
  func ranges() {
    let msix = IRQIndex.pciMSIX
    #expect(throws: IRQSetError.rangeOutOfBounds(index: msix, start: 2, count: 3, available: 4)) {
      _ = try IRQSetArgument(.trigger, .eventfds([1, 2, 3]), start: 2, for: info(count: 4))
    }
    #expect(throws: IRQSetError.rangeOutOfBounds(index: msix, start: 4, count: 0, available: 4)) {
      _ = try IRQSetArgument(.trigger, .none(count: 0), start: 4, for: info(count: 4))
    }
    #expect(throws: IRQSetError.rangeOutOfBounds(index: msix, start: 0, count: 0, available: 0)) {
      _ = try IRQSetArgument(.trigger, .none(count: 0), for: info(count: 0))
    }
    #expect(throws: IRQSetError.rangeOutOfBounds(index: msix, start: .max, count: 2, available: Int(UInt32.max))) {
      _ = try IRQSetArgument(.trigger, .none(count: 2), start: .max, for: info(count: .max))
    }
  }

  @Test("Capabilities the index lacks, and bad eventfds, are refused")
  func capabilities() {
    let msix = IRQIndex.pciMSIX
    #expect(throws: IRQSetError.eventfdsUnsupported(index: msix)) {
      _ = try IRQSetArgument(.trigger, .eventfds([3]), for: info(count: 1, flags: .maskable))
    }
    #expect(throws: IRQSetError.maskingUnsupported(index: msix)) {
      _ = try IRQSetArgument(.mask, .none(count: 1), for: info(count: 1, flags: .eventfd))
    }
    #expect(throws: IRQSetError.maskingUnsupported(index: msix)) {
      _ = try IRQSetArgument(.unmask, .bools([true]), for: info(count: 1, flags: .eventfd))
    }
    #expect(throws: IRQSetError.invalidEventFD(position: 1, value: -2)) {
      _ = try IRQSetArgument(.trigger, .eventfds([3, -2]), for: info(count: 2))
    }
  }
}

import CVFIO
import FakeKernel
import Foundation
import SystemPackage
import Testing
import VFIO

/// What a VMM's device model holds: one device, its BAR mapping and its address space, shared
/// by every vCPU and queue thread without a lock of the VMM's own.
final class SharedPassthrough: Sendable {
  let device: VFIODevice
  let bar: VFIOMapping
  let container: VFIOContainer

  init(device: consuming VFIODevice, bar: consuming VFIOMapping, container: consuming VFIOContainer) {
    self.device = device
    self.bar = bar
    self.container = container
  }
}

/// One owner shared by reference, as a VMM's own objects hold a device or an address space.
final class Shared<Value: ~Copyable & Sendable>: Sendable {
  let value: Value
  init(_ value: consuming Value) { self.value = value }
}

final class Weak<Object: AnyObject & Sendable>: @unchecked Sendable {
  weak var object: Object?
  init(_ object: Object) { self.object = object }
}

/// Runs `body(thread)` on `count` threads of their own at once and waits for all of them.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
  let done = DispatchGroup()
  for thread in 0..<count {
    done.enter()
    Thread {
      body(thread)
      done.leave()
    }.start()
  }
  done.wait()
}

@Suite("One device shared by many threads")
struct ConcurrencyTests {
  static let threads = 8
  static let rounds = 100
  static let region = RegionInfo(rawValue: vfio_region_info(argsz: 32, flags: 7, index: 0, cap_offset: 0, size: 0x1000, offset: 0))

  /// A device whose region I/O and mmap reach the memfd behind it, and which accepts MSI-X
  /// set-ups of 8 vectors.
  static func fakeDevice() -> FakeFile {
    FakeFile(size: 0x1000, then: Step(nil) { call in
      guard call.kind == .ioctl else { return .passThrough }
      if call.request == K.device(.getIRQInfo) {
        call.fill(K.irqInfo(index: 2, count: 8, flags: 1 | 8))
        return .result(0)
      }
      return call.request == K.device(.setIRQs) ? .result(0) : .failure(.inappropriateIOCTLForDevice)
    }, budget: 1_000_000)
  }

  /// A container that maps and unmaps whatever it is asked to, reporting every unmap as whole.
  static func fakeContainer() -> FakeFile {
    FakeFile(then: Step(.ioctl) { call in
      if call.request == K.container(.iommuUnmapDMA), let size = call.load(UInt64.self, at: 16) {
        call.fill(K.le(size), at: 16)
      }
      return .result(0)
    }, budget: 1_000_000)
  }

  @Test("region I/O, MMIO, DMA map/unmap of disjoint ranges and IRQ set-up from 8 threads at once")
  func hammer() throws {
    let deviceFile = Self.fakeDevice(), containerFile = Self.fakeContainer()
    let device = VFIODevice(unsafeAdopting: deviceFile.descriptor(), name: "fake")
    let bar = try device.map(region: Self.region)
    let shared = SharedPassthrough(
      device: device, bar: bar, container: VFIOContainer(unsafeAdopting: containerFile.descriptor()))
    let eventfds = FakeLock((try (0..<Self.threads).map { _ throws(VFIOError) in try VFIOEventFD() }))
    let watchers = eventfds.withLock { $0.map(Weak.init) }
    let failures = FakeLock<[String]>([])
    onThreads(Self.threads) { thread in
      do throws(VFIOError) {
        let slot = UInt64(thread * 16)
        let window = UInt64(thread) << 32
        for round in 0..<Self.rounds {
          let value = UInt64(thread) << 32 | UInt64(round)
          try shared.device.write(value, region: Self.region, at: slot)
          let read: UInt64 = try shared.device.read(region: Self.region, at: slot)
          try shared.bar.store(value &+ 1, at: slot + 8)
          let loaded: UInt64 = try shared.bar.load(at: slot + 8)
          if read != value || loaded != value &+ 1 { failures.withLock { $0.append("thread \(thread): \(read) \(loaded)") } }
          let mapping = try shared.container.map(try GuestMemory(size: 4096), iova: window + 0x1000)
          var byte: UInt8 = 0
          try shared.container.unsafeMapDMA(address: &byte, size: 4096, iova: window + 0x10_0000)
          try shared.container.unmapDMA(iova: window + 0x10_0000, size: 4096)
          _ = try mapping.unmap()
          var vectors = [VFIOEventFD?](repeating: nil, count: 8)
          vectors[thread] = eventfds.withLock { $0[thread] }
          try shared.device.enableMSIX(vectors)
          try shared.device.disableMSIX()
        }
      } catch {
        failures.withLock { $0.append("thread \(thread): \(error)") }
      }
    }
    #expect(failures.withLock { $0 } == [])
    #expect(deviceFile.mismatches.isEmpty && containerFile.mismatches.isEmpty)
    let setIRQs = deviceFile.log.filter { $0.request == K.device(.setIRQs) }.count
    #expect(setIRQs == Self.threads * Self.rounds * 2)
    // Every MSI-X set-up was undone: once the test lets go, no eventfd is left alive.
    eventfds.withLock { $0.removeAll() }
    #expect(watchers.allSatisfy { $0.object == nil })
    // Every range went back: one mapping across all the threads' windows is not an overlap.
    var byte: UInt8 = 0
    try shared.container.unsafeMapDMA(address: &byte, size: UInt64(Self.threads) << 32, iova: 0)
  }

  @Test("threads mapping one IOVA at once: exactly one wins, the others are told it overlaps")
  func racingOverlaps() throws {
    let containerFile = Self.fakeContainer()
    let container = Shared(VFIOContainer(unsafeAdopting: containerFile.descriptor()))
    let outcomes = FakeLock<[VFIOError.Reason?]>([])
    onThreads(Self.threads) { _ in
      var byte: UInt8 = 0
      do throws(VFIOError) {
        try container.value.unsafeMapDMA(address: &byte, size: 8192, iova: 0x4000)
        outcomes.withLock { $0.append(nil) }
      } catch {
        outcomes.withLock { $0.append(error.reason) }
      }
    }
    let results = outcomes.withLock { $0 }
    #expect(results.filter { $0 == nil }.count == 1)
    #expect(results.compactMap { $0 }.allSatisfy { $0 == .dma(.overlaps(iova: 0x4000, size: 8192, mapped: 0x4000...0x5FFF)) })
    #expect(containerFile.log.count == 1, "only the winner reached the kernel")
  }
}

import Dispatch
import Synchronization
import FakeKernel
import Testing
import VFIO

/// One whole-BAR owner shared by several threads, as vCPU or queue threads share a device's BAR.
final class SharedBAR: Sendable {
  let bar: VFIORegionMapping
  init(_ bar: consuming VFIORegionMapping) { self.bar = bar }
}

@Suite("VFIORegionMapping from many threads")
struct RegionMappingConcurrencyTests {
  @Test("8 threads store and load at mapped (MMIO) and unmapped (pwrite/pread) offsets; every value lands")
  func eightThreads() throws {
    // The region info with two sparse areas, then every call on the memfd itself: mmap, pread, pwrite.
    let fake = FakeFile(size: 0x10000, script: PCIScenarios.sparseRegion(PCIScenarios.twoAreas), then: .pass())
    let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
    let shared = SharedBAR(try device.map(region: device.regionInfo(.pciBAR0)))
    try device.close()
    let threads = 8, rounds = 200
    // Thread t owns the words at 0x2000 + 4t (mapped) and 0x1000 + 4t (the unmapped page).
    let failures = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      let mapped = UInt64(0x2000 + 4 * thread), unmapped = UInt64(0x1000 + 4 * thread)
      for round in 0..<rounds {
        let value = UInt32(thread << 16 | round)
        do {
          try shared.bar.store(value, at: mapped)
          try shared.bar.store(~value, at: unmapped)
          let (viaMMIO, viaPread) = (try shared.bar.load(UInt32.self, at: mapped), try shared.bar.load(UInt32.self, at: unmapped))
          if viaMMIO != value || viaPread != ~value {
            failures.withLock { $0.append("thread \(thread) round \(round): \(viaMMIO), \(viaPread)") }
          }
        } catch {
          failures.withLock { $0.append("thread \(thread) round \(round): \(error)") }
        }
      }
    }
    let found = failures.withLock { $0 }
    let failed = found.count
    #expect(failed == 0, "first: \(found.prefix(3))")
    #expect(fake.mismatches.isEmpty && !fake.runaway)
    // Each thread's unmapped round trips went through the file: two calls per round.
    #expect(fake.log.filter { $0.kind == .pread || $0.kind == .pwrite }.count == 2 * threads * rounds)
    #expect(shared.bar.isMapped(offset: 0x2000) && !shared.bar.isMapped(offset: 0x1000))
  }
}

#if canImport(Glibc)
import Glibc
#endif
import SystemPackage
import VFIO

/// Runs `body(thread)` on `count` pthreads at once and waits for them all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
  final class Start: @unchecked Sendable {
    let body: @Sendable (Int) -> Void
    let index: Int
    init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) { self.body = body; self.index = index }
  }
  var threads: [pthread_t] = []
  for index in 0..<count {
    var thread = pthread_t()
    let start = Unmanaged.passRetained(Start(body, index)).toOpaque()
    let created = pthread_create(&thread, nil, { context in
      let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
      start.body(start.index)
      return nil
    }, start)
    if created == 0 { threads.append(thread) } else { body(index) }
  }
  for thread in threads { pthread_join(thread, nil) }
}

/// Runs async `body` to completion from synchronous code (the guest's main is synchronous).
final class AwaitOutcome<T: Sendable>: @unchecked Sendable {
  var result: Result<T, any Error>?
  var done = sem_t()
}

func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
  let outcome = AwaitOutcome<T>()
  sem_init(&outcome.done, 0, 0)
  Task.detached {
    do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
    sem_post(&outcome.done)
  }
  while sem_wait(&outcome.done) != 0 {}
  return try outcome.result!.get()
}

/// A pointer to a value the caller borrows for as long as the threads it hands this to run.
struct Borrowed<Value: ~Copyable>: @unchecked Sendable {
  let pointer: UnsafePointer<Value>
}

/// Memory as VMMs allocate it, pieces, the buffer pool and many threads on one device, against
/// the real kernel: the same steps through type1 (`label` "") and iommufd ("cdev: ").
func runSharedUseSteps<Space: DMAAddressSpace & ~Copyable>(
  _ log: inout StepLog, label: String, space: borrowing Space, device: borrowing VFIODevice,
  registers: borrowing VFIOMapping, config: RegionInfo, cutError: Errno
) {
  let page: UInt64 = 4096
  log.step("\(label)memfd guest memory: edu DMA round trip") {
    let mapping = try space.map(GuestMemory(memfdNamed: "guest-ram", size: 2 * page), iova: 0x20_0000, access: [.read, .write], granularity: nil)
    try require(mapping.fileDescriptor != nil, "no memfd")
    return try eduRoundTrip(registers, memory: mapping, length: 1024) { UInt8(truncatingIfNeeded: $0 &* 5 &+ 9) }
  }
  log.step("\(label)a caller's file at an offset: edu DMA round trip") {
    let file = try FileDescriptor.open("/tmp/guest-file", .readWrite, options: [.create, .truncate], permissions: [.ownerReadWrite])
    defer { try? file.close() }
    _ = try file.writeAll(toAbsoluteOffset: Int64(4 * page - 1), [0])
    let mapping = try space.map(GuestMemory(file: file, offset: page, size: 2 * page), iova: 0x30_0000, access: [.read, .write], granularity: nil)
    let roundTrip = try eduRoundTrip(registers, memory: mapping, length: 1024) { UInt8(truncatingIfNeeded: $0 &* 3) }
    var byte: UInt8 = 0
    _ = try withUnsafeMutableBytes(of: &byte) { try file.read(fromAbsoluteOffset: Int64(2 * page + 7), into: $0) }
    try require(byte == UInt8(truncatingIfNeeded: 7 &* 3), "the file at offset \(2 * page + 7) holds \(byte)")
    return roundTrip + "; the device's write is in the file"
  }
  log.step("\(label)2 MiB huge pages, anonymous and memfd: edu DMA round trips") {
    let pool = try FileDescriptor.open("/proc/sys/vm/nr_hugepages", .writeOnly)
    _ = try pool.writeAll("8\n".utf8)
    try pool.close()
    let anonymous = try space.map(GuestMemory(size: 1, hugePages: .size2MiB), iova: 0x40_0000, access: [.read, .write], granularity: nil)
    let memfd = try space.map(GuestMemory(memfdNamed: "huge", size: 1, hugePages: .size2MiB), iova: 0x60_0000, access: [.read, .write], granularity: nil)
    try require(anonymous.size == 1 << 21 && memfd.size == 1 << 21, "sizes \(anonymous.size) \(memfd.size)")
    _ = try eduRoundTrip(registers, memory: anonymous, length: 512) { UInt8(truncatingIfNeeded: $0 &+ 1) }
    _ = try eduRoundTrip(registers, memory: memfd, length: 512) { UInt8(truncatingIfNeeded: $0 &+ 2) }
    return "2 MiB of each mapped; DMA through both"
  }
  log.step("\(label)pieces: an unmapped piece is out of the device's reach, mapped again it is back") {
    let base: UInt64 = 0x80_0000
    let mapping = try space.map(GuestMemory(size: 4 * page), iova: base, access: [.read, .write], granularity: page)
    let bytes = mapping.unsafeBytes  // the device writes it while this code reads it
    for i in 0..<512 { bytes[i] = UInt8(truncatingIfNeeded: i &* 11) }
    try eduDMA(registers, from: base, to: Edu.dmaBuffer, count: 512, toMemory: false)
    try mapping.unmapPieces(page..<2 * page)
    try eduDMA(registers, from: Edu.dmaBuffer, to: base + page, count: 512, toMemory: true)
    let blocked = (0..<512).allSatisfy { bytes[Int(page) + $0] == 0 }
    try mapping.mapPieces(page..<2 * page)
    try eduDMA(registers, from: Edu.dmaBuffer, to: base + page, count: 512, toMemory: true)
    let arrived = (0..<512).allSatisfy { bytes[Int(page) + $0] == bytes[$0] }
    try require(blocked && arrived, "blocked \(blocked), arrived after remapping \(arrived)")
    return "512 bytes to IOVA \(hex(base + page)): nothing arrived while unmapped, all after mapping again"
  }
  log.step("\(label)cutting a mapping is refused by the kernel (\(VFIOError.symbol(of: cutError)))") {
    var error: VFIOError?
    let mapping = try space.map(GuestMemory(size: 2 * page), iova: 0x88_0000, access: [.read, .write], granularity: nil)
    do throws(VFIOError) { try space.unmapDMA(iova: 0x88_0000, size: page) } catch let refused { error = refused }
    try require(error?.errno == cutError, "unmapping half of a 2-page mapping: \(error.map { "\($0)" } ?? "succeeded")")
    _ = try mapping.unmap()
    return "\(error!)"
  }
  log.step("\(label)DMA buffer pool: two buffers' IOVAs reach the device") {
    let pool = DMABufferPool(try space.map(GuestMemory(size: 16 * page), iova: 0x90_0000, access: [.read, .write], granularity: nil))
    var source = try pool.allocate(size: 700)
    let destination = try pool.allocate(size: 700, alignment: 2 * page)
    let pattern = (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 17 &+ 5) }
    var written = source.mutableBytes
    for (i, byte) in pattern.enumerated() { written.storeBytes(of: byte, toByteOffset: i, as: UInt8.self) }
    try eduDMA(registers, from: source.iova, to: Edu.dmaBuffer, count: 700, toMemory: false)
    try eduDMA(registers, from: Edu.dmaBuffer, to: destination.iova, count: 700, toMemory: true)
    try require(destination.bytes.withUnsafeBytes { Array($0[..<700]) } == pattern, "the copy differs")
    return "700 bytes \(hex(source.iova)) → edu → \(hex(destination.iova)); \(pool.freeBytes) bytes free"
  }
  log.step("\(label)8 threads on one device: config reads, MMIO, DMA map/unmap of disjoint ranges, MSI rebinding") {
    try device.enableMSI([try VFIOEventFD()])
    let failures = withUnsafePointer(to: device) { device in
      withUnsafePointer(to: space) { space in
        withUnsafePointer(to: registers) { registers in
          sharedHammer(Borrowed(pointer: device), Borrowed(pointer: space), Borrowed(pointer: registers), config: config)
        }
      }
    }
    try require(failures.isEmpty, failures.prefix(3).joined(separator: "; "))
    let event = try VFIOEventFD()
    try device.enableMSI([event])
    try device.triggerIRQ(index: .pciMSI)
    let count = try event.wait(milliseconds: 2000)
    try device.disableMSI()
    try require(count == 1, "MSI after the threads counted \(count)")
    return "8 × 50 rounds, each rebinding MSI's vector, no failure; MSI still delivers to the last eventfd bound"
  }
  log.step("\(label)async wait: edu's own MSI wakes a suspended task") {
    let event = try VFIOEventFD()
    try device.enableMSI([event])
    try registers.store(UInt32(0x400), at: Edu.interruptRaise)
    let count = try blockingAwait { try await event.wait() }
    try registers.store(UInt32(0x400), at: Edu.interruptAcknowledge)
    try device.disableMSI()
    try require(count == 1, "counted \(count)")
    return "edu raised MSI; the awaiting task read count 1"
  }
}

/// The threads of the shared-use step; what went wrong, per thread and round.
func sharedHammer<Space: DMAAddressSpace & ~Copyable>(
  _ device: Borrowed<VFIODevice>, _ space: Borrowed<Space>, _ registers: Borrowed<VFIOMapping>, config: RegionInfo
) -> [String] {
  let failures = Failures()
  onThreads(8) { thread in
    let window = 0x100_0000 + UInt64(thread) * 0x10_0000
    for round in 0..<50 {
      do {
        let ids = try device.pointer.pointee.read(UInt32.self, region: config, at: 0)
        let ident = try registers.pointer.pointee.load(UInt32.self, at: Edu.identification)
        if ids != UInt32(Edu.device) << 16 | UInt32(Edu.vendor) || ident != Edu.identificationValue {
          failures.add("thread \(thread) round \(round): ids \(hex(ids)) ident \(hex(ident))")
        }
        let mapping = try space.pointer.pointee.map(
          GuestMemory(size: 4096), iova: window + UInt64(round % 8) * 4096, access: [.read, .write], granularity: nil)
        _ = try mapping.unmap()
        // Enabling and disabling from several threads would race in the kernel's own terms (a
        // disable of MSI another thread already disabled is EINVAL); rebinding the enabled vector
        // is what threads may do at once.
        try device.pointer.pointee.enableMSI([try VFIOEventFD()])
      } catch {
        failures.add("thread \(thread) round \(round): \(error)")
      }
    }
  }
  return failures.list
}

/// Failures the threads report, behind a pthread mutex.
final class Failures: @unchecked Sendable {
  private var lock = pthread_mutex_t()
  private(set) var list: [String] = []
  init() { pthread_mutex_init(&lock, nil) }
  func add(_ failure: String) {
    pthread_mutex_lock(&lock)
    list.append(failure)
    pthread_mutex_unlock(&lock)
  }
}

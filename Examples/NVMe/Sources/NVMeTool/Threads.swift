import SystemPackage
import VFIONVMe

#if canImport(Glibc)
import Glibc
#endif

/// A buffer pointer the threads share; each touches only its own range.
struct SharedBuffer: @unchecked Sendable {
  let base: UnsafeMutableRawBufferPointer
}

/// Splits the transfer's blocks evenly over its threads, each with its own queue pair.
func onThreads(
  _ controller: NVMeController, _ transfer: TransferOptions,
  _ body: @escaping @Sendable (inout NVMeQueuePair, Range<Int>) throws(NVMeError) -> Void
) throws(NVMeError) {
  let threads = min(transfer.threads, transfer.blocks)
  let blocks = transfer.blocks
  let mode: NVMeCompletionMode = transfer.irq ? .interrupts : .polling
  try NVMeThreads.run(threads) { (thread) throws(NVMeError) in
    let range = blocks * thread / threads..<blocks * (thread + 1) / threads
    var queue = try controller.makeQueuePair(depth: 8, completion: mode)
    try body(&queue, range)
    try queue.close()
  }
}

/// The first `count` bytes of the file at `path`.
func readFile(_ path: String, count: Int) throws(NVMeError) -> [UInt8] {
  var bytes = [UInt8](repeating: 0, count: count)
  var done = 0
  do {
    let file = try FileDescriptor.open(FilePath(path), .readOnly)
    defer { try? file.close() }
    while done < count {
      let read = try bytes.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[done...])) }
      guard read > 0 else { break }
      done += read
    }
  } catch {
    throw .invalidArgument("\(path): \(error)")
  }
  guard done >= count else { throw .invalidArgument("\(path) holds \(done) bytes, \(count) needed") }
  return bytes
}

/// Writes `bytes` to the file at `path`, created or truncated.
func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(NVMeError) {
  do {
    let file = try FileDescriptor.open(
      FilePath(path), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
    defer { try? file.close() }
    _ = try file.writeAll(bytes)
  } catch {
    throw .invalidArgument("\(path): \(error)")
  }
}

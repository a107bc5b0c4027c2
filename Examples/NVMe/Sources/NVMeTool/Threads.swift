import SystemPackage
import VFIONVMe

#if canImport(Glibc)
import Glibc
#endif

/// A buffer pointer the threads share; each touches only its own range.
struct SharedBuffer: @unchecked Sendable {
  let base: UnsafeMutableRawBufferPointer
}

/// Runs `body` on `count` threads at once, each with its index; the first error is thrown.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws(NVMeError) -> Void) throws(NVMeError) {
  final class Start: @unchecked Sendable {
    let body: @Sendable (Int) throws(NVMeError) -> Void
    let index: Int
    var failure: NVMeError?
    init(_ body: @escaping @Sendable (Int) throws(NVMeError) -> Void, _ index: Int) {
      self.body = body
      self.index = index
    }
  }
  let starts = (0..<count).map { Start(body, $0) }
  var threads: [pthread_t] = []
  for start in starts {
    var thread = pthread_t()
    let context = Unmanaged.passRetained(start).toOpaque()
    let created = pthread_create(&thread, nil, { context in
      let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
      do throws(NVMeError) { try start.body(start.index) } catch { start.failure = error }
      return nil
    }, context)
    if created == 0 {
      threads.append(thread)
    } else {
      Unmanaged<Start>.fromOpaque(context).release()
      do throws(NVMeError) { try body(start.index) } catch { start.failure = error }
    }
  }
  for thread in threads { pthread_join(thread, nil) }
  if let failure = starts.compactMap(\.failure).first { throw failure }
}

/// Splits the transfer's blocks evenly over its threads, each with its own queue pair.
func onThreads(
  _ controller: NVMeController, _ transfer: TransferOptions,
  _ body: @escaping @Sendable (inout NVMeQueuePair, Range<Int>) throws(NVMeError) -> Void
) throws(NVMeError) {
  let threads = min(transfer.threads, transfer.blocks)
  let blocks = transfer.blocks
  let mode: NVMeCompletionMode = transfer.irq ? .interrupts : .polling
  try onThreads(threads) { (thread) throws(NVMeError) in
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

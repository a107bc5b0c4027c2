#if canImport(Glibc)
import Glibc
#endif

/// Threads for the driver's users: one queue pair each.
public enum NVMeThreads {
  /// Runs `body` on `count` POSIX threads at once, each with its index, and waits for them; the
  /// first error is thrown. (Swift's cooperative pool is the wrong home for a thread that polls a
  /// completion queue: it would hold one of the pool's few threads for the whole run.)
  public static func run(_ count: Int, _ body: @escaping @Sendable (Int) throws(NVMeError) -> Void) throws(NVMeError) {
    // Unchecked: `failure` is written by the one thread that runs `body` and read after
    // pthread_join, which orders the two; the context pointer carries one retain across
    // pthread_create (Unmanaged, as the C API takes a raw pointer).
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
}

import Glibc

/// A POSIX thread with a stack of the size asked, which its starter must join. Foundation's `Thread` would
/// bring Foundation into `vfio`, whose loading every command pays at start (see <doc:Performance>).
struct WorkerThread {
  private let handle: pthread_t

  /// Starts `body` on a new thread; nil when the system refuses one (out of threads or memory).
  init?(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
    var attributes = pthread_attr_t()
    guard pthread_attr_init(&attributes) == 0 else { return nil }
    defer { pthread_attr_destroy(&attributes) }
    guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return nil }
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    var handle = pthread_t()
    guard pthread_create(&handle, &attributes, { context in
      guard let context else { return nil }
      Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
      return nil
    }, context) == 0 else {
      Unmanaged<Body>.fromOpaque(context).release()
      return nil
    }
    self.handle = handle
  }

  /// Waits for the thread to end.
  func join() { pthread_join(handle, nil) }

  private final class Body {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }
}

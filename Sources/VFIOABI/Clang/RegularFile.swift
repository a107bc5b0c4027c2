import Glibc

/// A file's bytes read only when it is a regular file within a size bound: what the engine reads
/// itself, beside clang, must not wait on a FIFO named like a header or take in a file of any size.
enum RegularFile {
  /// Whether `path` is, or links to, a regular file; asked without opening it.
  static func exists(at path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
  }

  /// The bytes of `path` when it is a regular file of at most `limit` bytes; nil otherwise, or when it
  /// cannot be read, or grew past `limit` while being read.
  static func read(_ path: String, limit: Int) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= limit else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
    var count = 0
    while count < bytes.count {
      let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
      if got < 0, errno == EINTR { continue }
      guard got >= 0 else { return nil }
      if got == 0 { break }
      count += got
    }
    guard count <= Int(status.st_size) else { return nil }
    bytes.removeLast(bytes.count - count)
    return bytes
  }
}

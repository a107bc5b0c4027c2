internal import CLibClang
import FoundationEssentials
import Glibc

/// Temporary files whose names are removed as soon as they are made: what they hold lives as long as
/// their descriptor, and nothing is left on disk whatever ends the process. Children open one by the
/// name `/proc/PID/fd/N` of this process's descriptor.
enum UnnamedFile {
  /// A new unnamed file, closed on exec: children open it through this process's descriptor table.
  /// A memfd (tree mode makes one per header and run: on ext4, creating and unlinking them in the
  /// temporary directory cost as much as a tenth of its time in the file system's inode allocation);
  /// where the kernel has none, a file made and unlinked there.
  static func create() throws(ABIError) -> Int32 {
    let memory = CLibClang_memfd("vfio-abi")
    if memory >= 0 { return memory }
    var template = Array((FileManager.default.temporaryDirectory.path + "/vfio-abi-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw .processFailed("mkstemp: \(String(cString: strerror(errno)))") }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    return descriptor
  }

  /// A new unnamed file holding `bytes`, closed on exec.
  static func create(holding bytes: [UInt8]) throws(ABIError) -> Int32 {
    let descriptor = try create()
    do throws(ABIError) {
      try write(bytes, to: descriptor)
    } catch {
      close(descriptor)
      throw error
    }
    return descriptor
  }

  static func write(_ bytes: [UInt8], to descriptor: Int32) throws(ABIError) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { throw .processFailed("writing a temporary file: \(String(cString: strerror(errno)))") }
      written += count
    }
  }

  /// The name by which a child opens the file.
  static func name(_ descriptor: Int32) -> String { "/proc/\(getpid())/fd/\(descriptor)" }
}

import FoundationEssentials
import Glibc

/// A header to describe: one clang finds on its include path, or a file.
public enum ABIHeader: Sendable, Hashable, CustomStringConvertible {
  /// A header found on the include path, like `#include <linux/vfio.h>`; `name` is `linux/vfio.h`.
  case installed(String)
  /// A header file, either installed (`/usr/include/linux/vfio.h`) or a raw kernel UAPI source
  /// (`include/uapi/linux/vfio.h`), which is rewritten the way headers_install does before compiling.
  case file(String)

  /// The installed `<linux/vfio.h>`.
  public static let vfio = ABIHeader.installed("linux/vfio.h")

  /// Parses a command-line spelling: `<linux/vfio.h>` names an installed header, anything else a file.
  public init(argument: String) {
    if argument.hasPrefix("<") && argument.hasSuffix(">") && argument.count > 2 {
      self = .installed(String(argument.dropFirst().dropLast()))
    } else {
      self = .file(argument)
    }
  }

  public var description: String {
    switch self {
    case .installed(let name): "<\(name)>"
    case .file(let path): path
    }
  }

  /// How clang is given the header: the file passed to `-include` (the name clang then reports for
  /// it), flags that keep its `#include "…"` neighbours reachable, and, for a rewritten raw UAPI
  /// source, the descriptor holding the rewritten text, which the caller closes.
  struct Resolved {
    var path: String
    var flags: [String]
    var descriptor: Int32?
    /// For a header file, its directory.
    var directory: String? = nil
  }

  /// An installed header is looked up like clang does: `-I` directories, the target's cross headers,
  /// then the system ones. A raw UAPI source is rewritten into a file unlinked as soon as it is
  /// created, which leaves nothing on disk whatever ends the process.
  func resolve(searchPath: [String]) throws(ABIError) -> Resolved {
    switch self {
    case .installed(let name):
      for directory in searchPath {
        let path = directory + "/" + name
        guard FileManager.default.isReadableFile(atPath: path) else { continue }
        guard Self.unspellable(path) else { return Resolved(path: path, flags: [], descriptor: nil) }
        let neighbours = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try Self.byDescriptor(path, flags: ["-iquote", neighbours], directory: nil)
      }
      throw .unreadableFile("<\(name)> (not found in \(searchPath.joined(separator: ", ")))")
    case .file(let path):
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      guard let data = FileManager.default.contents(atPath: absolute) else { throw .unreadableFile(path) }
      let directory = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
      let neighbours = ["-iquote", directory]
      let bytes = [UInt8](data)
      guard UAPIHeaderInstall.needsInstall(bytes) else {
        guard Self.unspellable(absolute) else {
          return Resolved(path: absolute, flags: neighbours, descriptor: nil, directory: directory)
        }
        return try Self.byDescriptor(absolute, flags: neighbours, directory: directory)
      }
      let installed = Array(UAPIHeaderInstall.install(String(decoding: bytes, as: UTF8.self)).utf8)
      let descriptor = try UnnamedFile.create()
      do throws(ABIError) {
        try UnnamedFile.write(installed, to: descriptor)
      } catch {
        close(descriptor)
        throw error
      }
      return Resolved(path: UnnamedFile.name(descriptor), flags: neighbours, descriptor: descriptor, directory: directory)
    }
  }

  /// Whether `#include "PATH"` (what a unit writes, and what clang makes of `-include PATH`) cannot spell
  /// the path: it holds `"`, `\` or a line break.
  static func unspellable(_ path: String) -> Bool {
    path.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline })
  }

  /// A header handed over as an open descriptor, named `/proc/PID/fd/N`; `flags` keep its `#include "…"`
  /// neighbours reachable.
  private static func byDescriptor(_ path: String, flags: [String], directory: String?) throws(ABIError) -> Resolved {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadableFile(path) }
    return Resolved(path: UnnamedFile.name(descriptor), flags: flags, descriptor: descriptor, directory: directory)
  }
}

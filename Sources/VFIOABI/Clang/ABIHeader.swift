import Foundation

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

  /// The header's path and text (rewritten the way headers_install does when it is a raw UAPI source),
  /// and the `#include` line that pulls it into a generated translation unit. An installed header is
  /// looked up like clang does: `-I` directories, the target's cross headers, then the system ones.
  func resolve(scratch: URL, searchPath: [String]) throws(ABIError) -> (path: String, text: String, include: String) {
    switch self {
    case .installed(let name):
      for directory in searchPath {
        let path = directory + "/" + name
        if let text = Self.read(path) { return (path, text, "#include <\(name)>") }
      }
      throw .unreadableFile("<\(name)> (not found in \(searchPath.joined(separator: ", ")))")
    case .file(let path):
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      guard let text = Self.read(absolute) else { throw .unreadableFile(path) }
      guard UAPIHeaderInstall.needsInstall(text) else { return (absolute, text, "#include \"\(absolute)\"") }
      let installedText = UAPIHeaderInstall.install(text)
      let installed = scratch.appendingPathComponent(URL(fileURLWithPath: absolute).lastPathComponent)
      do {
        try installedText.write(to: installed, atomically: false, encoding: .utf8)
      } catch {
        throw .unreadableFile(installed.path)
      }
      return (installed.path, installedText, "#include \"\(installed.path)\"")
    }
  }

  private static func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
  }
}

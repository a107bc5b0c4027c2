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

  /// The `#include` line that pulls the header into a generated translation unit, writing a
  /// headers_install'd copy into `scratch` when the file is a raw UAPI source.
  func includeLine(scratch: URL) throws(ABIError) -> String {
    switch self {
    case .installed(let name):
      return "#include <\(name)>"
    case .file(let path):
      let absolute = URL(fileURLWithPath: path).standardizedFileURL
      guard let data = FileManager.default.contents(atPath: absolute.path),
        let text = String(data: data, encoding: .utf8)
      else { throw .unreadableFile(path) }
      guard UAPIHeaderInstall.needsInstall(text) else { return "#include \"\(absolute.path)\"" }
      let installed = scratch.appendingPathComponent(absolute.lastPathComponent)
      do {
        try UAPIHeaderInstall.install(text).write(to: installed, atomically: false, encoding: .utf8)
      } catch {
        throw .unreadableFile(installed.path)
      }
      return "#include \"\(installed.path)\""
    }
  }
}

/// Why a header or manifest could not be checked. Every case reads as a one-line reason.
public enum ABIError: Error, Hashable, Sendable {
  /// Neither `clang` next to `swift` on `PATH` nor `$VFIO_CLANG` is an executable.
  case clangNotFound
  /// A header or manifest file does not exist or cannot be read.
  case unreadableFile(String)
  /// clang rejected the header; carries clang's first error line.
  case headerDoesNotCompile(header: String, firstError: String)
  /// A `--target` this tool does not know.
  case unknownTarget(String)
  /// The target is known but Debian's cross `asm/` headers for it are not installed.
  case crossHeadersMissing(target: String, directory: String, package: String)
  /// A manifest that is not valid JSON of the documented schema.
  case corruptManifest(path: String, reason: String)
  /// A manifest written with a schema version this library does not read.
  case unsupportedSchemaVersion(path: String, version: Int)
  /// clang ran but printed something this library could not read.
  case unexpectedClangOutput(String)
  /// No committed baseline ships with the library (a broken install).
  case baselineMissing(String)
  /// The header is valid C that this library declines to describe, e.g. records nested beyond its limit.
  case unsupportedHeader(String)
  /// clang could not be started or its output could not be collected.
  case processFailed(String)
  /// Two manifests describe different targets, so their layouts cannot be compared.
  case targetMismatch(old: String, new: String)
  /// The `asm/` directory on the include path is another architecture's than the target's.
  case asmForAnotherTarget(directory: String, target: String, reason: String)
  /// Top directories a tree comparison was limited to that hold no header in either tree.
  case noHeadersUnder([String], old: String, new: String)
}

extension ABIError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .clangNotFound:
      "no clang: expected one next to `swift` on PATH, or set VFIO_CLANG"
    case .unreadableFile(let path):
      "\(path): no such file or not readable"
    case .headerDoesNotCompile(let header, let firstError):
      "\(header) does not compile: \(firstError)"
    case .unknownTarget(let target):
      "unknown target '\(target)' (known: \(ABITarget.known.map(\.name).joined(separator: ", ")))"
    case .crossHeadersMissing(let target, let directory, let package):
      "no asm/ headers for \(target) in \(directory) (apt-get install \(package))"
    case .corruptManifest(let path, let reason):
      "\(path): not an ABI manifest: \(reason)"
    case .unsupportedSchemaVersion(let path, let version):
      "\(path): manifest schema version \(version) is not \(ABIManifest.currentSchemaVersion)"
    case .unexpectedClangOutput(let detail):
      "unexpected clang output: \(detail)"
    case .baselineMissing(let name):
      "committed baseline \(name) is missing from the installed package"
    case .unsupportedHeader(let reason):
      "header not supported: \(reason)"
    case .processFailed(let reason):
      "could not run clang: \(reason)"
    case .targetMismatch(let old, let new):
      "the manifests are for different targets (\(old) and \(new)); dump both for one target"
    case .asmForAnotherTarget(let directory, let target, let reason):
      "\(directory) is not the asm/ of \(target): \(reason)"
    case .noHeadersUnder(let directories, let old, let new):
      "no header under \(directories.joined(separator: ", ")) in \(old) or \(new)"
    }
  }
}

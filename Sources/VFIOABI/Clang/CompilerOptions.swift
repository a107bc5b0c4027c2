import FoundationEssentials
import Glibc

/// The flags every clang run of one dump shares, and the directories clang searches for `<…>` headers,
/// in its order.
struct CompilerOptions: Sendable {
  var flags: [String]
  var searchPath: [String]
  /// The `-I` directories, whose files count as the header's own tree (see ``IncludedFiles``).
  var includeDirectories: [String]

  /// Annotations the newest `linux/stddef.h` defines away (each under `#ifndef`), predefined the same
  /// way so that a new header still compiles where an older `linux/stddef.h` — the system's or a cross
  /// package's — is the one found.
  static let annotations = [
    "__counted_by(m)=", "__counted_by_le(m)=", "__counted_by_be(m)=", "__counted_by_ptr(m)=", "__kernel_nonstring=",
  ]

  init(target: ABITarget, includeDirectories: [String]) throws(ABIError) {
    flags = ["-target", target.triple, "-fno-color-diagnostics", "-w", "-ferror-limit=0"]
    for annotation in Self.annotations { flags += ["-D", annotation] }
    for directory in includeDirectories { flags += ["-I", directory] }
    searchPath = includeDirectories
    self.includeDirectories = includeDirectories
    // A tree that brings its own `asm/` for the target (Debian's `usr/include/<triple>/`) needs no
    // cross package.
    let ownAsm = includeDirectories.contains { FileManager.default.fileExists(atPath: $0 + "/asm/ioctl.h") }
    if target != ABITarget.host && !ownAsm {
      let cross = "/usr/\(target.debianTriple)/include"
      guard FileManager.default.fileExists(atPath: cross + "/asm/ioctl.h") else {
        throw .crossHeadersMissing(target: target.name, directory: cross, package: target.crossPackage)
      }
      flags += ["-isystem", cross]
      searchPath += [cross, "/usr/local/include", "/usr/include"]
    } else if target != ABITarget.host {
      searchPath += ["/usr/local/include", "/usr/include"]
    } else {
      searchPath += ["/usr/local/include", "/usr/include/\(target.debianTriple)", "/usr/include"]
    }
    if let asm = AsmDirectory.found(searchPath: searchPath) { try AsmDirectory.check(asm, target: target, flags: flags) }
  }
}

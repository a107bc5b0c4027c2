import Foundation

/// The flags every clang run of one dump shares, and the directories clang searches for `<…>` headers,
/// in its order.
struct CompilerOptions: Sendable {
  var flags: [String]
  var searchPath: [String]

  init(target: ABITarget, includeDirectories: [String]) throws(ABIError) {
    flags = ["-target", target.triple, "-fno-color-diagnostics", "-w", "-ferror-limit=0"]
    for directory in includeDirectories { flags += ["-I", directory] }
    searchPath = includeDirectories
    if target != ABITarget.host {
      let cross = "/usr/\(target.debianTriple)/include"
      guard FileManager.default.fileExists(atPath: cross + "/asm/ioctl.h") else {
        throw .crossHeadersMissing(target: target.name, directory: cross, package: target.crossPackage)
      }
      flags += ["-isystem", cross]
      searchPath += [cross, "/usr/local/include", "/usr/include"]
    } else {
      searchPath += ["/usr/local/include", "/usr/include/\(target.debianTriple)", "/usr/include"]
    }
  }
}

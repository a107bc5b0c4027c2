import FoundationEssentials
import Glibc

/// The `asm/` directory a dump's `#include <asm/…>` finds, checked against the target: another
/// architecture's `asm/` compiles without a word and gives wrong request numbers (`_IOC_NONE` 0 where
/// POWER has 1) and a wrong `__BITS_PER_LONG`, so one that is not the target's is refused.
enum AsmDirectory {
  /// The `asm/` clang finds first on `searchPath` (the dump's `-I` directories, cross headers, system
  /// directories, in clang's order); nil when there is none.
  static func found(searchPath: [String]) -> String? {
    searchPath.lazy.map { $0 + "/asm" }.first { FileManager.default.fileExists(atPath: $0 + "/ioctl.h") }
  }

  /// Refuses an `asm/` that is not `target`'s. A directory whose path names a multiarch triple
  /// (`x86_64-linux-gnu`) is judged by the name: the target's own is taken, another triple refused.
  /// One that names none (a `make headers_install` tree, a copy) is asked of clang: `__BITS_PER_LONG`
  /// must be the target's `long` width and its pointer width, and `_IOC_NONE`, `_IOC_SIZEBITS` and
  /// `_IOC_DIRBITS` the target's ioctl encoding.
  static func check(_ directory: String, target: ABITarget, flags: [String]) throws(ABIError) {
    let triples = directory.split(separator: "/").filter(isTriple).map(String.init)
    if let other = triples.first(where: { !target.names($0) }) {
      throw .asmForAnotherTarget(directory: directory, target: target.name, reason: "the directory is \(other)'s")
    }
    guard triples.isEmpty else { return }
    let failed = try mismatches(flags: flags, target: target, clang: try Clang.locate())
    guard failed.isEmpty else {
      throw .asmForAnotherTarget(directory: directory, target: target.name, reason: failed.joined(separator: "; "))
    }
  }

  /// What disagrees with `target` in the `asm/` that `flags` make clang find, each as one phrase;
  /// empty when nothing does. clang compiles one unit of static assertions, which also covers a
  /// `__BITS_PER_LONG` the header computes from the target's own predefined macros.
  static func mismatches(flags: [String], target: ABITarget, clang: Clang) throws(ABIError) -> [String] {
    let encoding = target.ioctlEncoding
    let checks: [(condition: String, phrase: String)] = [
      ("__BITS_PER_LONG == __CHAR_BIT__ * __SIZEOF_LONG__", "__BITS_PER_LONG is not the target's long width"),
      ("__BITS_PER_LONG == __CHAR_BIT__ * __SIZEOF_POINTER__", "__BITS_PER_LONG is not the target's pointer width"),
      ("_IOC_NONE == \(encoding.none)U", "_IOC_NONE is not \(encoding.none)"),
      ("_IOC_SIZEBITS == \(encoding.sizeBits)", "_IOC_SIZEBITS is not \(encoding.sizeBits)"),
      ("_IOC_DIRBITS == \(encoding.directionBits)", "_IOC_DIRBITS is not \(encoding.directionBits)"),
    ]
    var source = "#include <asm/bitsperlong.h>\n#include <asm/ioctl.h>\n"
    for (index, check) in checks.enumerated() { source += "_Static_assert(\(check.condition), \"vfio-abi-check-\(index)\");\n" }
    let output = try clang.run([Clang.Run(arguments: flags + ["-fsyntax-only"], source: Array(source.utf8))])[0]
    guard output.status != 0 else { return [] }
    let errors = String(decoding: output.stderr, as: UTF8.self)
    let failed = checks.indices.filter { errors.contains("vfio-abi-check-\($0)") }.map { checks[$0].phrase }
    return failed.isEmpty ? ["clang rejects it: \(output.firstError)"] : failed
  }

  /// Whether a path component is a multiarch triple: `ARCH-linux-ABI`, one word each side.
  private static func isTriple(_ component: Substring) -> Bool {
    let parts = component.split(separator: "-", omittingEmptySubsequences: false)
    let word = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }
    return parts.count == 3 && parts[1] == "linux" && word(parts[0]) && word(parts[2])
  }
}

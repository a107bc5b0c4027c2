import CVFIOOracle
import Foundation
import Testing

/// Macros of `<linux/vfio.h>` that are not integer constants, so no oracle
/// table holds them. Function-like macros are recognised by their form.
let nonIntegerMacros: Set<String> = [
  "VFIO_H",  // the include guard, defined empty
  "VFIO_DEVICE_API_PCI_STRING",  // the string literals of the vfio_device_info_cap_... api names
  "VFIO_DEVICE_API_PLATFORM_STRING",
  "VFIO_DEVICE_API_AMBA_STRING",
  "VFIO_DEVICE_API_CCW_STRING",
  "VFIO_DEVICE_API_AP_STRING",
]

@Suite("The oracle covers the header the package was built against")
struct HeaderCompletenessTests {
  /// Names of the object-like macros a preprocessed source defines.
  static func macroNames(_ source: String) throws -> Set<String> {
    let output = try Toolchain.clang(Toolchain.headerIncludeFlags + ["-dM", "-E"], source: source)
    var names: Set<String> = []
    for line in output.split(separator: "\n") where line.hasPrefix("#define ") {
      let definition = line.dropFirst("#define ".count)
      let name = definition.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      if definition.dropFirst(name.count).first == "(" { continue }
      names.insert(String(name))
    }
    return names
  }

  @Test("Every integer macro of vfio.h is in the oracle")
  func everyMacroIsCovered() throws {
    let ownMacros = try Self.macroNames("#include <linux/vfio.h>\n")
      .subtracting(Self.macroNames("#include <linux/types.h>\n#include <linux/ioctl.h>\n"))
    var covered = Set(oracleIntegers.keys).union(nonIntegerMacros)
    for index in 0..<cvfio_oracle_ioctl_count { covered.insert(String(cString: cvfio_oracle_ioctl_at(index).name)) }
    let missing = ownMacros.subtracting(covered)
    #expect(missing.isEmpty, "macros of the header with no oracle entry: \(missing.sorted())")
    print("the oracle covers \(ownMacros.count - missing.count) of \(ownMacros.count) object-like macros of vfio.h"
      + " (\(nonIntegerMacros.count) excluded as non-integer)")
  }

  @Test("Every enumerator of vfio.h is in the oracle")
  func everyEnumeratorIsCovered() throws {
    let dump = try Toolchain.clang(
      Toolchain.headerIncludeFlags + ["-fsyntax-only", "-Xclang", "-ast-dump"], source: "#include <linux/vfio.h>\n")
    var enumerators: Set<String> = []
    for line in dump.split(separator: "\n") where line.contains("EnumConstantDecl ") {
      // "|-EnumConstantDecl 0x… <line:601:2> col:2 [referenced] NAME 'int'"
      let words = line.split(separator: " ")
      if let type = words.lastIndex(where: { $0.hasPrefix("'") }), type > 0 {
        enumerators.insert(String(words[type - 1]))
      }
    }
    #expect(!enumerators.isEmpty)
    let missing = enumerators.subtracting(oracleIntegers.keys)
    #expect(missing.isEmpty, "enumerators of the header with no oracle entry: \(missing.sorted())")
    let absent = oracleIntegers.filter { name, value in enumerators.contains(name) && value == nil }.keys
    #expect(absent.isEmpty, "the oracle skips enumerators the header has: \(absent.sorted())")
    print("the oracle covers \(enumerators.count - missing.count) of \(enumerators.count) enumerators of vfio.h")
  }
}

@Suite("The committed constant oracle is what its generator writes")
struct OracleGeneratorTests {
  @Test("scripts/generate-oracle-constants.sh reproduces Tests/CVFIOOracle/oracle_constants.c")
  func committedOracleIsCurrent() throws {
    let root = Toolchain.packageRoot
    guard let reference = Toolchain.referenceHeaderInclude else {
      print("skipped the oracle generator check: no 6.12 UAPI header (apt-get install linux-headers-6.12-amd64)")
      return
    }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString).c")
    defer { try? FileManager.default.removeItem(at: output) }
    let script = root.appendingPathComponent("scripts/generate-oracle-constants.sh").path
    try Toolchain.run(
      "/usr/bin/env",
      ["ORACLE_CONSTANTS_OUT=\(output.path)", "CLANG=\(Toolchain.clang)", "/bin/bash", script, reference])
    let generated = try String(contentsOf: output, encoding: .utf8)
    let committed = try String(
      contentsOf: root.appendingPathComponent("Tests/CVFIOOracle/oracle_constants.c"), encoding: .utf8)
    #expect(generated == committed, "rerun scripts/generate-oracle-constants.sh")
  }
}

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

  /// The object-like macros `source` defines beyond the headers vfio.h includes,
  /// and those of them no oracle table or exclusion covers.
  static func uncoveredMacros(_ source: String) throws -> (own: Set<String>, missing: Set<String>) {
    let own = try macroNames(source)
      .subtracting(macroNames("#include <linux/types.h>\n#include <linux/ioctl.h>\n"))
    var covered = Set(oracleIntegers.keys).union(nonIntegerMacros)
    for index in 0..<cvfio_oracle_ioctl_count { covered.insert(String(cString: cvfio_oracle_ioctl_at(index).name)) }
    return (own, own.subtracting(covered))
  }

  /// The enumerators `source` declares, and those of them the oracle lacks or skips.
  static func uncoveredEnumerators(_ source: String) throws -> (own: Set<String>, missing: Set<String>) {
    let dump = try Toolchain.clang(
      Toolchain.headerIncludeFlags + ["-fsyntax-only", "-Xclang", "-ast-dump"], source: source)
    var own: Set<String> = []
    for line in dump.split(separator: "\n") where line.contains("EnumConstantDecl ") {
      // "|-EnumConstantDecl 0x… <line:601:2> col:2 [referenced] NAME 'int'"
      let words = line.split(separator: " ")
      if let type = words.lastIndex(where: { $0.hasPrefix("'") }), type > 0 { own.insert(String(words[type - 1])) }
    }
    // A name the oracle has but skips as absent is as uncovered as a name it lacks.
    return (own, own.filter { oracleIntegers[$0].flatMap { $0 } == nil })
  }

  @Test("Every integer macro of vfio.h is in the oracle")
  func everyMacroIsCovered() throws {
    let (own, missing) = try Self.uncoveredMacros("#include <linux/vfio.h>\n")
    #expect(missing.isEmpty, "macros of the header with no oracle entry: \(missing.sorted())")
    print("the oracle covers \(own.count - missing.count) of \(own.count) object-like macros of vfio.h"
      + " (\(nonIntegerMacros.count) excluded as non-integer)")
  }

  @Test("Every enumerator of vfio.h is in the oracle")
  func everyEnumeratorIsCovered() throws {
    let (own, missing) = try Self.uncoveredEnumerators("#include <linux/vfio.h>\n")
    #expect(!own.isEmpty)
    #expect(missing.isEmpty, "enumerators of the header with no oracle entry: \(missing.sorted())")
    print("the oracle covers \(own.count - missing.count) of \(own.count) enumerators of vfio.h")
  }

  @Test("A macro or enumerator a newer header adds is reported")
  func newDefinitionsAreReported() throws {
    let newer = "#include <linux/vfio.h>\n#define VFIO_FUTURE_FLAG (1 << 9)\n#define VFIO_FUTURE_ACCESSOR(x) (x)\n"
    #expect(try Self.uncoveredMacros(newer).missing == ["VFIO_FUTURE_FLAG"])
    let newerEnum = "#include <linux/vfio.h>\nenum { VFIO_FUTURE_IRQ_INDEX, VFIO_FUTURE_NUM_IRQS };\n"
    #expect(try Self.uncoveredEnumerators(newerEnum).missing == ["VFIO_FUTURE_IRQ_INDEX", "VFIO_FUTURE_NUM_IRQS"])
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

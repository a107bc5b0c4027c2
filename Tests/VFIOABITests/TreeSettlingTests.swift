import Foundation
import Testing
import VFIOABI

/// Tree mode settles a header without dumping it when its text only gains declarations elsewhere, or
/// changes elsewhere only in what nothing its own lines lead to names; each case here checks that the
/// outcome says exactly what diffing the two dumps says.
@Suite("Tree mode settles only what the dumps would find unchanged")
struct TreeSettlingTests {
  /// The header, the same in both trees; what it includes is what changes.
  static let header = """
    #include "inc.h"
    struct own { struct inc i; int a; };
    #define OWN_SIZE sizeof(struct own)
    #define OWN_FLAG (INC_FLAG << 1)
    #define OWN_LATER (LATER + 1)
    #define OWN_CAST ((later_t)1)
    #define OWN_TMP (INC_TMP + 1)
    #define OWN_DIFF INC_SUB(5, 2)
    #define OWN_USED sizeof(struct inc_used)
    #define OWN_MID sizeof(struct inc_mid)
    #define OWN_MIDT sizeof(inc_mid_t)
    #define OWN_CHAIN INC_MID
    #define OWN_NAMED INC_N1

    """
  static let included = """
    #define INC_WIDE 0
    struct inc {
      char c;
    #if INC_WIDE
      long x;
    #else
      int x;
    #endif
    };
    #define INC_FLAG 1
    #define INC_UNREAD 1
    #define INC_TMP 3
    #undef INC_TMP
    #define INC_SUB(a, b) ((a) - (b))
    struct inc_old { int o; };
    typedef unsigned int inc_old_t;
    struct inc_used { int u; };
    struct inc_leaf { int l; };
    struct inc_mid { struct inc_leaf l; };
    typedef int inc_leaf_t;
    typedef inc_leaf_t inc_mid_t;
    #define INC_LEAF 1
    #define INC_MID (INC_LEAF + 1)
    #define INC_PASTE(a, b) a##b
    #define INC_PASTED 1
    enum inc_named { INC_N0, INC_N1 };
    struct inc_free { int f; };
    typedef unsigned int inc_free_t;
    enum inc_free_e { INC_F0, INC_F1 };
    #define L 5

    """

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    /// The new tree's `inc.h`.
    var included: String
    /// The new tree's header, when it changes too.
    var header: String = TreeSettlingTests.header
    /// Lines both trees' header end with.
    var headerEnd = ""
    /// Lines only the old tree's header ends with, after those.
    var oldHeaderEnd = ""
    /// Whether tree mode should settle it without a dump.
    var settled: Bool
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "new typedef, record and macros elsewhere",
      included: included + "typedef unsigned long long inc_new_t;\nstruct inc_new {\n  inc_new_t y;\n};\n#define INC_NEW 2\n#define INC_FN(x) (x)\n",
      settled: true),
    Case(name: "a macro defined again the same way", included: included + "#define INC_FLAG 1\n", settled: true),
    Case(name: "a macro nothing reads changed elsewhere", included: edited("INC_UNREAD 1", "INC_UNREAD 2"), settled: true),
    Case(name: "a macro nothing reads removed elsewhere", included: edited("#define INC_UNREAD 1\n", ""), settled: true),
    Case(name: "a field added to an included record", included: edited("  int x;\n", "  int x;\n  long y;\n"), settled: false),
    Case(name: "a macro an #if reads changed elsewhere", included: edited("INC_WIDE 0", "INC_WIDE 1"), settled: false),
    Case(name: "a macro the header's macro uses now defined", included: included + "#define LATER 4\n", settled: false),
    Case(name: "a type the header's macro uses now declared", included: included + "typedef int later_t;\n", settled: false),
    Case(name: "a macro the header's macro uses undefined", included: included + "#undef INC_FLAG\n", settled: false),
    Case(name: "a macro the header's macro uses brought back", included: included + "#define INC_TMP 3\n", settled: false),
    Case(name: "a macro the header's macro uses defined otherwise", included: included + "#define INC_FLAG 2\n", settled: false),
    Case(
      name: "a function-like macro's parameters renamed elsewhere", included: edited("INC_SUB(a, b) ((a) - (b))", "INC_SUB(x, y) ((x) - (y))"),
      settled: true),
    Case(
      name: "a function-like macro's parameters swapped elsewhere", included: edited("INC_SUB(a, b) ((a) - (b))", "INC_SUB(b, a) ((a) - (b))"),
      settled: false),
    Case(name: "a record and a typedef nothing names removed elsewhere", included: edited("struct inc_old { int o; };\ntypedef unsigned int inc_old_t;\n", ""), settled: true),
    Case(
      name: "a record removed elsewhere and a record added", included: edited("struct inc_old { int o; };\n", "") + "struct inc_new { int n; };\n",
      settled: true),
    Case(name: "a record the header's macro uses removed", included: edited("struct inc_used { int u; };\n", ""), settled: false),
    Case(name: "a field removed from an included record", included: edited("  char c;\n", ""), settled: false),
    Case(name: "packing changed for what follows", included: included + "#pragma pack(1)\n", settled: false),
    Case(name: "a macro added to the header itself", included: included, header: header + "#define OWN_NEW 5\n", settled: false),
    Case(
      name: "a field added to a record nothing names", included: edited("struct inc_free { int f; };", "struct inc_free { int f; long g; };"),
      settled: true),
    Case(name: "a typedef nothing names changed", included: edited("typedef unsigned int inc_free_t;", "typedef unsigned long inc_free_t;"), settled: true),
    Case(name: "an enum nothing names renumbered", included: edited("INC_F0, INC_F1", "INC_F0, INC_F1 = 7"), settled: true),
    Case(
      name: "records, typedefs and enums nothing names changed together",
      included: edited("struct inc_free { int f; };\ntypedef unsigned int inc_free_t;\nenum inc_free_e { INC_F0, INC_F1 };\n", "enum inc_free_e { INC_F1, INC_F0 };\ntypedef long inc_free_t;\nstruct inc_free { char f; };\n"),
      settled: true),
    Case(name: "a record a named record embeds changed", included: edited("struct inc_leaf { int l; };", "struct inc_leaf { long l; };"), settled: false),
    Case(name: "a typedef a named typedef stands for changed", included: edited("typedef int inc_leaf_t;", "typedef long inc_leaf_t;"), settled: false),
    Case(name: "a macro a named macro expands to changed", included: edited("#define INC_LEAF 1", "#define INC_LEAF 2"), settled: false),
    Case(
      name: "a macro only a token paste names changed", included: edited("#define INC_PASTED 1", "#define INC_PASTED 2"),
      headerEnd: "#define OWN_PASTE INC_PASTE(INC_, PASTED)\n", settled: false),

    // Tree mode asks an included file's macros only for the names the old header's constants had
    // (``HeaderBatch/Preprocessed``); the dumps here ask them all.
    Case(
      name: "a macro and an enumerator of the header now defined in an included file",
      included: included + "#define OWN_GONE 9\n#define OWN_E 4\n#define INC_OTHER 5\n",
      oldHeaderEnd: "#define OWN_GONE 9\nenum own_e { OWN_E = 4 };\n", settled: false),
    Case(
      name: "a macro of the header now defined in an included file with another value",
      included: included + "#define OWN_GONE 10\n", oldHeaderEnd: "#define OWN_GONE 9\n", settled: false),
    Case(name: "an enum the header's macro names renumbered", included: edited("INC_N0, INC_N1", "INC_N0 = 3, INC_N1"), settled: false),
    // clang's built-in macros are left out of the texts tree mode compares (``BuiltinMacros``), and
    // consulted where a line of theirs would be read: `__INT64_C_SUFFIX__` expands to `L`.
    Case(
      name: "a macro only a built-in macro names changed elsewhere", included: edited("#define L 5", "#define L 6"),
      headerEnd: "#define OWN_SUFFIX __INT64_C_SUFFIX__\n", settled: false),
    Case(
      name: "a built-in macro defined again the same way elsewhere", included: included + "#define __INT64_C_SUFFIX__ L\n",
      headerEnd: "#define OWN_SUFFIX __INT64_C_SUFFIX__\n", settled: true),
  ]

  static func edited(_ text: String, _ replacement: String) -> String {
    included.replacingOccurrences(of: text, with: replacement)
  }

  @Test("Settled or dumped, the outcome equals the diff of the two dumps", arguments: cases)
  func outcome(_ change: Case) throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-abi-settle-\(getpid())-\(change.name.hashValue)")
    defer { try? FileManager.default.removeItem(at: base) }
    var roots: [String] = []
    for (side, included, header) in [("old", Self.included, Self.header + change.headerEnd + change.oldHeaderEnd), ("new", change.included, change.header + change.headerEnd)] {
      let linux = base.appendingPathComponent(side).appendingPathComponent("linux")
      try FileManager.default.createDirectory(at: linux, withIntermediateDirectories: true)
      try included.write(to: linux.appendingPathComponent("inc.h"), atomically: true, encoding: .utf8)
      try header.write(to: linux.appendingPathComponent("h.h"), atomically: true, encoding: .utf8)
      roots.append(base.appendingPathComponent(side).path)
    }
    let dumps = try roots.map { try ABIManifest.dump(header: .installed("linux/h.h"), includeDirectories: [$0]) }
    let expected = ABIDiff(old: dumps[0], new: dumps[1]).findings
    let tree = try ABITreeDiff(old: ABITree(root: roots[0]), new: ABITree(root: roots[1]), workers: 2)
    let entry = try #require(tree.entries.first { $0.header == "linux/h.h" })
    switch entry.outcome {
    case .unchanged:
      #expect(change.settled)
      #expect(expected.isEmpty, "settled, but the dumps differ: \(expected.map(\.kind))")
    case .compared(let diff):
      #expect(!change.settled)
      #expect(diff.findings == expected)
      #expect(!expected.isEmpty, "the dumps should differ in this case")
    default:
      Issue.record("unexpected outcome \(entry.outcome)")
    }
  }
}

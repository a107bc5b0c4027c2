// Valid C headers for the differential header fuzzer, one per (seed, index), the same on every run.
//
// Every name a generated header declares starts with its own prefix (`h<index>_`), so any number of
// them concatenate into one unit without clashing: a unit's manifest is the union of its headers'.
// What they hold is what UAPI headers hold, and what the engine's two readers see through different
// windows (cursors and clang's record layout in this process; the JSON AST, the probe's IR and
// `-fdump-record-layouts-simple` in clang processes): records with every kind of member, bit-fields
// across type boundaries and of width 0, packed and aligned records and fields, arrays of typedefs,
// function pointers and arrays of them, flexible and zero-length arrays, 128-bit integers, enums with
// negative and 64-bit values or a fixed underlying type, at file scope or declared inside a record, and
// macros of every integer form (decimal, octal, hexadecimal, binary, character constants of every
// prefix, every suffix) — including ones clang rejects or whose value overflows, which both readers
// must drop or keep alike.

/// SplitMix64: small, fast and the same on every platform, so a seed names one header forever.
struct SeededGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound`.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

  mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

struct HeaderGenerator {
  /// An integer type a member or a bit-field may have, with its width in bits.
  struct IntegerType {
    var spelling: String
    var bits: Int
  }

  static let integers: [IntegerType] = [
    .init(spelling: "char", bits: 8), .init(spelling: "signed char", bits: 8), .init(spelling: "unsigned char", bits: 8),
    .init(spelling: "short", bits: 16), .init(spelling: "unsigned short", bits: 16), .init(spelling: "int", bits: 32),
    .init(spelling: "unsigned int", bits: 32), .init(spelling: "long", bits: 64), .init(spelling: "unsigned long", bits: 64),
    .init(spelling: "long long", bits: 64), .init(spelling: "unsigned long long", bits: 64), .init(spelling: "_Bool", bits: 1),
    .init(spelling: "__u8", bits: 8), .init(spelling: "__u16", bits: 16), .init(spelling: "__u32", bits: 32),
    .init(spelling: "__u64", bits: 64), .init(spelling: "__s8", bits: 8), .init(spelling: "__s16", bits: 16),
    .init(spelling: "__s32", bits: 32), .init(spelling: "__s64", bits: 64), .init(spelling: "__le16", bits: 16),
    .init(spelling: "__be32", bits: 32), .init(spelling: "__le64", bits: 64), .init(spelling: "__aligned_u64", bits: 64),
  ]

  static let otherScalars = [
    "float", "double", "void *", "const char *", "__kernel_size_t", "__kernel_pid_t", "long double", "__int128",
    "unsigned __int128",
  ]

  let prefix: String
  var random: SeededGenerator
  private var lines: [String] = []
  private var counter = 0
  /// Complete records without a flexible array member: members may have their type.
  private var records: [String] = []
  /// Typedefs of integer types (a bit-field may have them), with their widths.
  private var integerTypedefs: [IntegerType] = []
  /// Typedefs of anything else: arrays, records, function pointers, pointers.
  private var otherTypedefs: [String] = []
  private var enums: [String] = []
  /// Enumerators of small values: arithmetic on them cannot overflow an enum.
  private var enumerators: [String] = []
  private var macros: [String] = []
  /// Macros that are a plain literal below 2^16: an enumerator may name them.
  private var literalMacros: [String] = []

  /// The header numbered `index` of the run seeded with `seed`.
  static func header(seed: UInt64, index: Int) -> String {
    var generator = HeaderGenerator(
      prefix: "h\(index)_", random: SeededGenerator(seed: seed ^ (UInt64(index) &* 0xD129_0D2F_57A3_91C5)))
    return generator.generate()
  }

  private init(prefix: String, random: SeededGenerator) {
    self.prefix = prefix
    self.random = random
  }

  private mutating func name(_ kind: String) -> String {
    counter += 1
    return "\(prefix)\(kind)\(counter)"
  }

  private mutating func generate() -> String {
    for _ in 0..<(1 + random.below(6)) {
      switch random.below(10) {
      case 0, 1: typedefs()
      case 2, 3: enumeration()
      case 4, 5: for _ in 0..<(1 + random.below(3)) { macro() }
      default: record()
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Types

  private mutating func integerType() -> IntegerType {
    if !integerTypedefs.isEmpty && random.chance(25) { return random.pick(integerTypedefs) }
    if !enums.isEmpty && random.chance(10) { return IntegerType(spelling: "enum \(random.pick(enums))", bits: 32) }
    return random.pick(Self.integers)
  }

  /// A type a member, an array element or a typedef may have.
  private mutating func memberType() -> String {
    switch random.below(12) {
    case 0: return random.pick(Self.otherScalars)
    case 1 where !records.isEmpty: return random.pick(records)
    case 2 where !otherTypedefs.isEmpty: return random.pick(otherTypedefs)
    case 3 where !enums.isEmpty: return "enum \(random.pick(enums))"
    default: return integerType().spelling
    }
  }

  private mutating func typedefs() {
    for _ in 0..<(1 + random.below(3)) {
      let alias = name("t")
      switch random.below(6) {
      case 0:
        // A chain: a typedef of a typedef.
        let base = integerType()
        lines.append("typedef \(base.spelling) \(alias);")
        integerTypedefs.append(IntegerType(spelling: alias, bits: base.bits))
      case 1:
        lines.append("typedef \(memberType()) \(alias)\(dimensions(max: 2));")
        otherTypedefs.append(alias)
      case 2:
        lines.append("typedef \(returnType()) (*\(alias))(\(parameters()));")
        otherTypedefs.append(alias)
      case 3:
        lines.append("typedef \(memberType()) *\(alias);")
        otherTypedefs.append(alias)
      case 4:
        let base = random.pick(Self.integers)
        // No more than its size: an array of it must stay possible.
        let alignments = [1, 2, 4, 8].filter { $0 * 8 <= max(8, base.bits) }
        let aligned = random.chance(30) ? " __attribute__((aligned(\(random.pick(alignments)))))" : ""
        lines.append("typedef \(base.spelling) \(alias)\(aligned);")
        if aligned.isEmpty { integerTypedefs.append(IntegerType(spelling: alias, bits: base.bits)) } else { otherTypedefs.append(alias) }
      default:
        // A typedef naming a record declared on the spot, tagged or not.
        let tag = random.chance(50) ? " \(name("s"))" : ""
        lines.append("typedef \(random.chance(70) ? "struct" : "union")\(tag) {")
        members(depth: 1, allowFlexible: false, isUnion: false)
        lines.append("} \(alias);")
        otherTypedefs.append(alias)
      }
    }
  }

  private mutating func dimensions(max: Int) -> String {
    (0..<(1 + random.below(max))).map { _ in "[\(random.pick([1, 2, 3, 4, 7, 8, 16]))]" }.joined()
  }

  private mutating func returnType() -> String { random.pick(["void", "int", "long", "__u32", "void *", "unsigned char"]) }

  private mutating func parameters() -> String {
    let count = random.below(4)
    guard count > 0 else { return random.chance(50) ? "void" : "" }
    return (0..<count).map { _ in memberType() }.joined(separator: ", ")
  }

  // MARK: - Records

  private mutating func record() {
    let isUnion = random.chance(25)
    let tag = name(isUnion ? "u" : "s")
    let attributes = recordAttributes()
    lines.append("\(isUnion ? "union" : "struct") \(tag) {")
    let flexible = members(depth: 0, allowFlexible: !isUnion, isUnion: isUnion)
    lines.append("}\(attributes);")
    if !flexible { records.append("\(isUnion ? "union" : "struct") \(tag)") }
  }

  private mutating func recordAttributes() -> String {
    switch random.below(8) {
    case 0: " __attribute__((packed))"
    case 1: " __attribute__((aligned(\(random.pick([1, 2, 4, 8, 16, 32, 64])))))"
    case 2: " __attribute__((packed, aligned(\(random.pick([2, 4, 8])))))"
    case 3 where random.chance(25): " __attribute__((aligned))"
    default: ""
    }
  }

  /// The members of a record; whether the last is a flexible array member.
  @discardableResult
  private mutating func members(depth: Int, allowFlexible: Bool, isUnion: Bool) -> Bool {
    let indent = String(repeating: "  ", count: depth + 1)
    var named = 0
    let count = 1 + random.below(6)
    for _ in 0..<count {
      switch random.below(depth >= 2 ? 7 : 10) {
      case 0, 1:
        bitFields(indent: indent)
        named += 1
      case 2:
        let attribute = random.chance(50) ? " __attribute__((aligned(\(random.pick([1, 2, 4, 8, 16])))))" : " __attribute__((packed))"
        lines.append("\(indent)\(memberType()) \(name("f"))\(attribute);")
        named += 1
      case 3:
        lines.append("\(indent)\(memberType()) \(name("f"))\(dimensions(max: 3));")
        named += 1
      case 4:
        // A function pointer, or an array of them.
        let dimensions = random.chance(25) ? dimensions(max: 2) : ""
        lines.append("\(indent)\(returnType()) (*\(name("f"))\(dimensions))(\(parameters()));")
        named += 1
      case 5:
        lines.append("\(indent)\(memberType()) \(random.chance(30) ? "**" : "*")\(name("f"));")
        named += 1
      case 6 where random.chance(40):
        // An enum declared inside the record (C puts the type and its constants at file scope), tagged
        // or not, with a member of its type.
        enumeration(indent: indent, member: name("f"))
        named += 1
      case 7, 8, 9:
        // A nested record: anonymous, unnamed with a member name, or tagged (which C declares at file scope).
        let kind = random.chance(40) ? "union" : "struct"
        let form = random.below(3)
        let tag = form == 2 ? " \(name(kind == "union" ? "u" : "s"))" : ""
        lines.append("\(indent)\(kind)\(tag) {")
        members(depth: depth + 1, allowFlexible: false, isUnion: kind == "union")
        let attributes = random.chance(15) ? " __attribute__((packed))" : ""
        lines.append("\(indent)}\(attributes)\(form == 0 ? "" : " " + name("f"))\(form != 0 && random.chance(20) ? dimensions(max: 2) : "");")
        if form == 2 { records.append("\(kind)\(tag)") }
        named += 1
      default:
        lines.append("\(indent)\(memberType()) \(name("f"));")
        named += 1
      }
    }
    _ = isUnion
    guard allowFlexible, named > 0, random.chance(20) else { return false }
    let element = random.chance(70) ? integerType().spelling : memberType()
    // The GNU zero-length array older UAPI headers end their records with, or C99's flexible member.
    lines.append("\(indent)\(element) \(name("f"))[\(random.chance(30) ? "0" : "")];")
    return true
  }

  /// A run of bit-fields, often across the boundary of their type's storage, with `:0` and unnamed ones.
  private mutating func bitFields(indent: String) {
    for _ in 0..<(1 + random.below(5)) {
      let type = integerType()
      switch random.below(10) {
      case 0:
        lines.append("\(indent)\(type.spelling) :0;")
      case 1:
        lines.append("\(indent)\(type.spelling) :\(1 + random.below(type.bits));")
      case 2, 3:
        // Just at or just past the storage's end.
        let width = max(1, type.bits - random.below(3))
        lines.append("\(indent)\(type.spelling) \(name("b")) : \(width);")
      default:
        let width = type.bits == 1 ? 1 : 1 + random.below(type.bits)
        let attribute = random.chance(8) ? " __attribute__((packed))" : ""
        lines.append("\(indent)\(type.spelling) \(name("b")) : \(width)\(attribute);")
      }
    }
  }

  // MARK: - Enums

  /// An enum at file scope, or inside a record with a member of its type named `member`.
  private mutating func enumeration(indent: String = "", member: String? = nil) {
    let tagged = random.chance(70)
    let tag = tagged ? name("e") : ""
    // C23's fixed underlying type (an extension before it), wide enough for every value below.
    let underlying = random.chance(10) ? " : \(random.pick(["long long", "unsigned long long", "__s64", "__u64"]))" : ""
    lines.append("\(indent)enum\(tagged ? " " + tag : "")\(underlying) {")
    // Negative values and values past INT64_MAX cannot share an enum.
    let unsigned64 = underlying.contains("u") ? true : underlying.isEmpty ? random.chance(15) : false
    var previous: [String] = []
    var small = true
    for _ in 0..<(1 + random.below(6)) {
      let constant = name("E").uppercased()
      // An implicit value is the previous one plus one, which overflows past a large one.
      if small && random.chance(25) {
        lines.append("\(indent)  \(constant),")
      } else {
        let value = enumValue(unsigned64: unsigned64, previous: previous)
        small = value.small
        lines.append("\(indent)  \(constant) = \(value.text),")
      }
      if small { previous.append(constant) }
    }
    lines.append("\(indent)}\(member.map { " " + $0 } ?? "");")
    if tagged { enums.append(tag) }
    enumerators += previous
  }

  /// An enumerator's value; small when adding to it cannot overflow.
  private mutating func enumValue(unsigned64: Bool, previous: [String]) -> (text: String, small: Bool) {
    if unsigned64 {
      return (random.pick(["0xffffffffffffffffULL", "0x8000000000000000ULL", "18446744073709551614ULL", "(1ULL << 63)", "0x100000000ULL"]), false)
    }
    switch random.below(9) {
    case 0: return ("-\(random.below(1000))", true)
    case 1: return (random.pick(["-2147483648", "-2147483649LL", "(-9223372036854775807LL - 1)", "0x7fffffffffffffffLL", "-1"]), false)
    case 2: return (random.pick(["0x80000000", "4294967295U", "0x100000000LL", "(1LL << 40)", "2147483647"]), false)
    case 3 where !previous.isEmpty: return ("\(random.pick(previous)) + \(random.below(5))", true)
    case 4 where !enumerators.isEmpty: return ("\(random.pick(enumerators)) * 2", true)
    case 5 where !literalMacros.isEmpty: return ("(int)\(random.pick(literalMacros))", true)
    case 6: return ("'\(random.pick(["A", "z", "0", "\\n", "\\x7f"]))'", true)
    default: return (integerLiteral(bits: 16), true)
    }
  }

  // MARK: - Macros

  private mutating func macro() {
    let macro = name("M").uppercased()
    switch random.below(20) {
    case 0:
      lines.append("#define \(macro) \"\(macro)\"")
    case 1:
      lines.append("#define \(macro) \(memberType())")
    case 2:
      lines.append("#define \(macro)")
    case 3:
      lines.append("#define \(macro)(x) ((x) * \(integerLiteral(bits: 16)))")
      lines.append("#define \(name("M").uppercased()) \(macro)(\(integerLiteral(bits: 8)))")
    case 4:
      lines.append("#define \(macro) \(random.pick(["1.5", "2e3", "0x1p4", "1.0f"]))")
    case 6, 7:
      lines.append("#define \(macro) \(integerLiteral(bits: 16))")
      macros.append(macro)
      literalMacros.append(macro)
    case 5 where !records.isEmpty:
      let record = random.pick(records)
      lines.append("#define \(macro) \(random.pick(["sizeof", "__alignof__", "_Alignof"]))(\(record))")
      macros.append(macro)
    default:
      lines.append("#define \(macro) \(expression(depth: 0))")
      macros.append(macro)
    }
  }

  private mutating func integerLiteral(bits: Int) -> String {
    let magnitude = bits >= 64 ? random.next() : random.next() % (UInt64(1) << UInt64(1 + random.below(bits)))
    let suffix = random.pick(["", "", "", "U", "u", "L", "l", "UL", "ul", "LU", "LL", "ll", "ULL", "ull", "LLU"])
    switch random.below(5) {
    case 0: return random.pick(["0x", "0X"]) + String(magnitude, radix: 16, uppercase: random.chance(50)) + suffix
    case 1: return "0" + String(magnitude, radix: 8) + suffix
    case 2 where magnitude < 256: return random.pick(["", "", "L", "u", "U"]) + "'\\\(String(magnitude, radix: 8))'"
    case 3 where random.chance(30): return random.pick(["0b", "0B"]) + String(magnitude, radix: 2) + suffix
    default: return String(magnitude) + suffix
    }
  }

  private mutating func expression(depth: Int) -> String {
    guard depth < 4 else { return integerLiteral(bits: 32) }
    switch random.below(depth == 0 ? 16 : 11) {
    case 0, 1: return integerLiteral(bits: random.pick([8, 16, 31, 32, 63, 64]))
    case 2 where !macros.isEmpty: return random.pick(macros)
    case 3 where !enumerators.isEmpty: return random.pick(enumerators)
    case 4:
      let type = random.pick(["__u32", "__u8", "__s16", "unsigned long", "long long", "int", "unsigned __int128", "__int128", "_Bool", "__u64"])
      return "((\(type))\(expression(depth: depth + 1)))"
    case 5:
      return "(\(expression(depth: depth + 1)) \(random.pick(["<<", ">>"])) \(random.below(70)))"
    case 6:
      return "(\(expression(depth: depth + 1)) ? \(expression(depth: depth + 1)) : \(expression(depth: depth + 1)))"
    case 7:
      return "(\(random.pick(["-", "~", "!", "+"]))\(expression(depth: depth + 1)))"
    case 8:
      // Overflowing on purpose: clang wraps unsigned values and warns about signed ones.
      return random.pick([
        "(0xffffffffffffffffULL + \(random.below(3)))", "(2147483647 + 1)", "(9223372036854775807LL + 1)",
        "(0x7fffffff * 4)", "(-9223372036854775807LL - 2)", "(1U << 32)", "(1 << 31)", "(1ULL << 64)",
        "(18446744073709551615ULL * 3)", "(-(-9223372036854775807LL - 1))",
      ])
    case 9:
      return random.pick([
        "((unsigned __int128)1 << \(random.below(128)))", "((__int128)-1)", "((__int128)1 << 64)",
        "(((unsigned __int128)0xffffffffffffffffULL) * 0x10000ULL)", "((unsigned __int128)-1 >> 1)",
        "(sizeof(__int128))", "((__int128)0x7fffffffffffffffLL + 1)",
      ])
    case 10:
      return random.pick(["(1 / 0)", "(5 % 0)", "(1 ? 2 : (1 / 0))", "((int)(1.5 * 4))", "(sizeof(int) * 8)", "(0 && (1 / 0))"])
    default:
      let operation = random.pick(["+", "-", "*", "/", "%", "&", "|", "^", "&&", "||", "==", "!=", "<", ">=", "<<", ">>"])
      return "(\(expression(depth: depth + 1)) \(operation) \(expression(depth: depth + 1)))"
    }
  }
}

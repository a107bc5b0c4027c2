/// One difference between two manifests and how the ABI rules judge it.
public struct Finding: Codable, Sendable, Hashable {
  /// What changed.
  public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A struct or union only the new header defines. Compatible.
    case recordAdded
    /// A struct or union the new header no longer defines, nor makes visible. Source-breaking.
    case recordRemoved
    /// A struct or union now defined in a file the header includes. Compatible.
    case recordMoved
    /// A struct became a union or the reverse. Breaking.
    case recordKindChanged
    /// `sizeof` changed: breaking, except tail growth of an `argsz` struct whose old fields are intact.
    case recordSizeChanged
    /// `_Alignof` changed: breaking, except with tail growth of an `argsz` struct or when the size and
    /// every offset hold (compatible).
    case recordAlignmentChanged
    /// The `packed` attribute was added or removed. Breaking.
    case packedChanged
    /// A new member: compatible at the tail of an `argsz` struct, in a union within its old size,
    /// as an alias of an existing member or as named padding; breaking anywhere else.
    case fieldAdded
    /// A new member before existing ones, which moved (see ``Finding/shiftedFields``). Breaking.
    case fieldInserted
    /// A member the new record lacks. Breaking; source-breaking when a new member takes exactly its
    /// place (a rename).
    case fieldRemoved
    /// A member at another offset. Breaking.
    case fieldOffsetChanged
    /// A member of another size. Breaking.
    case fieldSizeChanged
    /// A member whose canonical type changed at the same offset and size. Source-breaking (breaking
    /// when its size, offset or bits changed too).
    case fieldTypeChanged
    /// A bit-field moved or resized within its storage. Breaking.
    case fieldBitsChanged
    /// New members in the place of a `reserved`/`pad` member, at the same size. Compatible.
    case reservedFieldUsed
    /// A flexible array member appended without a size change. Compatible.
    case flexibleArrayAppended
    /// A trailing `[0]` or `[1]` array turned into a flexible array member, the layout
    /// unchanged. Compatible.
    case flexibleArrayConverted
    /// An enum constant or integer macro only the new header defines. Compatible.
    case constantAdded
    /// An enum constant or integer macro the new header no longer defines nor makes visible.
    /// Source-breaking.
    case constantRemoved
    /// A constant or ioctl request number with another value. Breaking, except a version number
    /// (`…_VERSION…`) and a mask that is the OR of its flags (`FOO_ALL`, `FOO_MASK`): compatible.
    case constantValueChanged
    /// A constant with the same value, now a macro instead of an enum constant (or the reverse)
    /// or defined in an included file. Compatible.
    case constantMoved
    /// A count sentinel (`…_MAX`, `…_NUM_…`) grew because values were added before it. Compatible.
    case sentinelGrew
  }

  /// How much a change breaks.
  public enum Verdict: String, Codable, Sendable, Hashable, CaseIterable {
    /// A binary built against the old header can misbehave with the new one: a layout, size or value
    /// it compiled in changed. `vfio abi` exits 1.
    case binaryBreaking
    /// Binaries keep working, but code written against the old header may not compile against the new
    /// one: a name removed or renamed with its layout and value unchanged, a member's type respelled to
    /// an incompatible one at the same place. `vfio abi` exits 1 only with `--api`.
    case sourceBreaking
    /// Nothing a binary or a rebuild relies on changed. Reported.
    case compatible
  }

  /// A field a change moved: for an insertion, every old field now at a later offset.
  public struct ShiftedField: Codable, Sendable, Hashable {
    /// The member's name.
    public var name: String
    /// Its offset in the old record, in bytes.
    public var oldOffset: Int
    /// Its offset in the new record, in bytes.
    public var newOffset: Int
  }

  /// What changed.
  public var kind: Kind
  /// `struct vfio_x`, `struct vfio_x.field`, or a constant's name.
  public var declaration: String
  /// The old state, e.g. `24` for a size or `offset 8, size 4, __u32` for a field; nil when added.
  public var old: String?
  /// The new state; nil when removed.
  public var new: String?
  /// Whether a binary built against the old header can break with the new one: ``verdict`` is
  /// ``Verdict/binaryBreaking``.
  public private(set) var breaking: Bool
  /// Which of the three classes the change is in (JSON key `class`).
  public private(set) var verdict: Verdict
  /// The rule that decided, in words.
  public var reason: String
  /// The rule that decided, by name (JSON key `rule`): the ``Finding/kind`` for the rules the kinds document,
  /// otherwise the rule of <doc:Verdicts> that judged the finding again — `nameRemoved`, `rename`,
  /// `typeRespelled`, `reusedEnumValue`, `versionNumber`, `maskOfAllFlags`, `alignmentOnly`,
  /// `flexibleArrayUnion` or `aliasOfKeptMembers`.
  public private(set) var rule: String
  /// For ``Kind/fieldInserted``: the old fields the insertion moved.
  public var shiftedFields: [ShiftedField]

  /// A finding as the rules make it; `breaking` and `reason` are the rule's verdict (binary-breaking or
  /// compatible; the rules that tell source-breaking changes apart run over the whole diff).
  public init(
    kind: Kind, declaration: String, old: String?, new: String?, breaking: Bool, reason: String,
    shiftedFields: [ShiftedField] = []
  ) {
    self.kind = kind
    self.declaration = declaration
    self.old = old
    self.new = new
    self.breaking = breaking
    self.verdict = breaking ? .binaryBreaking : .compatible
    self.reason = reason
    self.rule = kind.rawValue
    self.shiftedFields = shiftedFields
  }

  /// The finding judged again by the rule named `rule`, which knows more (see `VerdictRules`).
  mutating func reclassify(_ verdict: Verdict, _ reason: String, rule: String) {
    self.verdict = verdict
    breaking = verdict == .binaryBreaking
    self.reason = reason
    self.rule = rule
  }

  private enum CodingKeys: String, CodingKey {
    case kind, declaration, old, new, breaking, reason, rule, shiftedFields
    case verdict = "class"
  }

  /// Reads a finding as ``ABIReport`` writes it; one written before findings named their rule gets
  /// its kind's.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    kind = try container.decode(Kind.self, forKey: .kind)
    declaration = try container.decode(String.self, forKey: .declaration)
    old = try container.decodeIfPresent(String.self, forKey: .old)
    new = try container.decodeIfPresent(String.self, forKey: .new)
    breaking = try container.decode(Bool.self, forKey: .breaking)
    verdict = try container.decode(Verdict.self, forKey: .verdict)
    reason = try container.decode(String.self, forKey: .reason)
    rule = try container.decodeIfPresent(String.self, forKey: .rule) ?? kind.rawValue
    shiftedFields = try container.decode([ShiftedField].self, forKey: .shiftedFields)
  }

  /// Which part of the header a finding is about, for grouping a report.
  public enum Group: String, Sendable, CaseIterable {
    /// Structs, unions and their members.
    case records
    /// Enum constants and integer macros, ioctl request numbers included.
    case constants
  }

  /// The part of the header the finding is about.
  public var group: Group {
    switch kind {
    case .constantAdded, .constantRemoved, .constantValueChanged, .constantMoved, .sentinelGrew: .constants
    default: .records
    }
  }
}

/// One difference between two manifests and how the ABI rules judge it.
public struct Finding: Codable, Sendable, Hashable {
  /// What changed.
  public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
    case recordAdded
    case recordRemoved
    case recordMoved
    case recordKindChanged
    case recordSizeChanged
    case recordAlignmentChanged
    case packedChanged
    case fieldAdded
    case fieldInserted
    case fieldRemoved
    case fieldOffsetChanged
    case fieldSizeChanged
    case fieldTypeChanged
    case fieldBitsChanged
    case reservedFieldUsed
    case flexibleArrayAppended
    case flexibleArrayConverted
    case constantAdded
    case constantRemoved
    case constantValueChanged
    case constantMoved
    case sentinelGrew
  }

  /// A field a change moved: for an insertion, every old field now at a later offset.
  public struct ShiftedField: Codable, Sendable, Hashable {
    public var name: String
    public var oldOffset: Int
    public var newOffset: Int
  }

  public var kind: Kind
  /// `struct vfio_x`, `struct vfio_x.field`, or a constant's name.
  public var declaration: String
  /// The old state, e.g. `24` for a size or `offset 8, size 4, __u32` for a field; nil when added.
  public var old: String?
  /// The new state; nil when removed.
  public var new: String?
  /// Whether code built against the old header can break with the new one.
  public var breaking: Bool
  /// The rule that decided, in words.
  public var reason: String
  /// For ``Kind/fieldInserted``: the old fields the insertion moved.
  public var shiftedFields: [ShiftedField]

  public init(
    kind: Kind, declaration: String, old: String?, new: String?, breaking: Bool, reason: String,
    shiftedFields: [ShiftedField] = []
  ) {
    self.kind = kind
    self.declaration = declaration
    self.old = old
    self.new = new
    self.breaking = breaking
    self.reason = reason
    self.shiftedFields = shiftedFields
  }

  /// Which part of the header a finding is about, for grouping a report.
  public enum Group: String, Sendable, CaseIterable {
    case records
    case constants
  }

  public var group: Group {
    switch kind {
    case .constantAdded, .constantRemoved, .constantValueChanged, .constantMoved, .sentinelGrew: .constants
    default: .records
    }
  }
}

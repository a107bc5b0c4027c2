/// One disagreement between two layout descriptions of the same struct.
public struct LayoutMismatch: Sendable, Hashable, CustomStringConvertible {
  /// What the two sources disagree on.
  public enum Property: String, Sendable, Hashable {
    /// One source has the struct or field, the other does not.
    case presence
    /// `sizeof` of the struct, or a member's size.
    case size
    /// `_Alignof` of the struct.
    case alignment
    /// Whether the struct is packed.
    case packed
    /// A member's byte offset.
    case offset
  }

  /// What one source says.
  public enum Value: Sendable, Hashable, CustomStringConvertible {
    /// The source lacks the struct or member.
    case absent
    /// The source has the struct or member.
    case present
    /// A size, alignment or offset in bytes.
    case bytes(Int)
    /// Whether the struct is packed.
    case flag(Bool)

    public var description: String {
      switch self {
      case .absent: "absent"
      case .present: "present"
      case .bytes(let count): "\(count)"
      case .flag(let value): "\(value)"
      }
    }
  }

  /// One source and what it says.
  public struct Claim: Sendable, Hashable {
    /// The source: "Swift", "C", "baseline".
    public var source: String
    /// What it says.
    public var value: Value

    /// `source` says `value`.
    public init(_ source: String, _ value: Value) {
      self.source = source
      self.value = value
    }
  }

  /// The struct's tag.
  public var structName: String
  /// The member, or nil when the struct itself disagrees.
  public var fieldName: String?
  /// What they disagree on.
  public var property: Property
  /// What the source compared against (e.g. C) says.
  public var reference: Claim
  /// What the source checked (e.g. Swift) says.
  public var candidate: Claim

  /// A disagreement on `property` of `structName` (or its member `fieldName`) between `reference`
  /// and `candidate`.
  public init(
    structName: String, fieldName: String?, property: Property, reference: Claim, candidate: Claim
  ) {
    self.structName = structName
    self.fieldName = fieldName
    self.property = property
    self.reference = reference
    self.candidate = candidate
  }

  /// For example `vfio_device_info.cap_offset: offset 16 in Swift, 20 in C`.
  public var description: String {
    let subject = fieldName.map { "\(structName).\($0)" } ?? structName
    let what = property == .presence ? "" : "\(property.rawValue) "
    return
      "\(subject): \(what)\(candidate.value) in \(candidate.source), \(reference.value) in \(reference.source)"
  }
}

/// One disagreement between two layout descriptions of the same struct.
public struct LayoutMismatch: Sendable, Hashable, CustomStringConvertible {
  /// What the two sources disagree on.
  public enum Property: String, Sendable, Hashable {
    /// One source has the struct or field, the other does not.
    case presence
    case size
    case alignment
    case packed
    case offset
  }

  /// What one source says.
  public enum Value: Sendable, Hashable, CustomStringConvertible {
    case absent
    case present
    case bytes(Int)
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

  /// The struct's tag.
  public var structName: String
  /// The member, or nil when the struct itself disagrees.
  public var fieldName: String?
  public var property: Property
  /// The source compared against (e.g. "C") and what it says.
  public var reference: (source: String, value: Value) {
    get { (referenceSource, referenceValue) }
    set { (referenceSource, referenceValue) = newValue }
  }
  /// The source checked (e.g. "Swift") and what it says.
  public var candidate: (source: String, value: Value) {
    get { (candidateSource, candidateValue) }
    set { (candidateSource, candidateValue) = newValue }
  }

  private var referenceSource: String
  private var referenceValue: Value
  private var candidateSource: String
  private var candidateValue: Value

  public init(
    structName: String, fieldName: String?, property: Property,
    reference: (source: String, value: Value), candidate: (source: String, value: Value)
  ) {
    self.structName = structName
    self.fieldName = fieldName
    self.property = property
    (referenceSource, referenceValue) = reference
    (candidateSource, candidateValue) = candidate
  }

  /// For example `vfio_device_info.cap_offset: offset 16 in Swift, 20 in C`.
  public var description: String {
    let subject = fieldName.map { "\(structName).\($0)" } ?? structName
    let what = property == .presence ? "" : "\(property.rawValue) "
    return
      "\(subject): \(what)\(candidateValue) in \(candidateSource), \(referenceValue) in \(referenceSource)"
  }
}

/// Compares two sources' layout descriptions struct by struct and field by field.
public struct LayoutComparison: Sendable, Hashable {
  /// Every disagreement found.
  public var mismatches: [LayoutMismatch] = []
  /// How many structs both sources describe.
  public var structs = 0
  /// How many of the reference's fields the candidate agrees on, by offset and size.
  public var fields = 0
  /// Anonymous-union members the candidate cannot name (Swift imports them as computed properties,
  /// and one absent from an older header cannot be named in code that builds against both). Each is
  /// accepted only where a sibling member of its union sits at the same offset in the candidate and
  /// no other candidate field overlaps it: its bytes are the union's storage.
  public var unionStorageOnly: [String] = []
  /// Fields the candidate has that the reference does not describe (`struct.field`): a header
  /// newer than the package's layout tables adds them. Listed, not counted as mismatches: the
  /// struct's size and alignment, and every described field, are still compared.
  public var undescribed: [String] = []

  /// Compares `candidate` with `reference`. Structs the reference lacks are ignored (a baseline of
  /// the header does not describe the structs CVFIO supplies for older headers); every struct of the
  /// reference must be in the candidate.
  public init(
    _ candidate: [StructLayout], named candidateName: String,
    against reference: [StructLayout], named referenceName: String
  ) {
    let candidates = Dictionary(candidate.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for expected in reference {
      func mismatch(_ field: String?, _ property: LayoutMismatch.Property,
        _ want: LayoutMismatch.Value, _ have: LayoutMismatch.Value) {
        mismatches.append(
          LayoutMismatch(
            structName: expected.name, fieldName: field, property: property,
            reference: .init(referenceName, want), candidate: .init(candidateName, have)))
      }
      guard let actual = candidates[expected.name] else {
        mismatch(nil, .presence, .present, .absent)
        continue
      }
      structs += 1
      if actual.size != expected.size { mismatch(nil, .size, .bytes(expected.size), .bytes(actual.size)) }
      if actual.alignment != expected.alignment {
        mismatch(nil, .alignment, .bytes(expected.alignment), .bytes(actual.alignment))
      }
      if actual.isPacked != expected.isPacked {
        mismatch(nil, .packed, .flag(expected.isPacked), .flag(actual.isPacked))
      }
      for field in expected.fields {
        guard let other = actual.field(field.name) else {
          if Self.isUnionStorage(field, of: expected, in: actual) {
            unionStorageOnly.append("\(expected.name).\(field.name)")
          } else {
            mismatch(field.name, .presence, .present, .absent)
          }
          continue
        }
        var agrees = true
        if other.offset != field.offset {
          mismatch(field.name, .offset, .bytes(field.offset), .bytes(other.offset))
          agrees = false
        }
        if other.size != field.size {
          mismatch(field.name, .size, .bytes(field.size), .bytes(other.size))
          agrees = false
        }
        if agrees { fields += 1 }
      }
      for field in actual.fields where expected.field(field.name) == nil {
        undescribed.append("\(expected.name).\(field.name)")
      }
    }
  }

  private static func isUnionStorage(
    _ field: FieldLayout, of expected: StructLayout, in actual: StructLayout
  ) -> Bool {
    guard let union = field.anonymousUnion else { return false }
    let siblings = expected.fields.filter { $0.anonymousUnion == union }.map(\.name)
    let sibling = actual.fields.contains { other in
      siblings.contains(other.name) && other.offset == field.offset
    }
    let overlapped = actual.fields.contains { other in
      !siblings.contains(other.name) && other.bytes.overlaps(field.bytes)
    }
    return sibling && !overlapped
  }
}

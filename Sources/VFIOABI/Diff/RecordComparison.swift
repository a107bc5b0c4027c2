/// The rules for one struct or union present in both headers.
struct RecordComparison {
  let old: ABIRecord
  let new: ABIRecord
  private(set) var findings: [Finding] = []

  init(old: ABIRecord, new: ABIRecord) {
    self.old = old
    self.new = new
    compare()
  }

  private var declaration: String { old.declaration }

  /// A struct whose first member is `argsz` can grow at the tail: the caller says how much it passed.
  private var isArgszExtensible: Bool {
    old.kind == .struct && old.fields.first?.name == "argsz" && new.fields.first?.name == "argsz"
  }

  private mutating func add(
    _ kind: Finding.Kind, _ subject: String, old: String?, new: String?, breaking: Bool, _ reason: String,
    shifted: [Finding.ShiftedField] = []
  ) {
    findings.append(
      Finding(
        kind: kind, declaration: subject, old: old, new: new, breaking: breaking, reason: reason,
        shiftedFields: shifted))
  }

  private mutating func compare() {
    if old.kind != new.kind {
      add(.recordKindChanged, declaration, old: old.kind.rawValue, new: new.kind.rawValue, breaking: true, "struct ↔ union")
    }
    if old.packed != new.packed {
      add(
        .packedChanged, declaration, old: old.packed ? "packed" : "not packed",
        new: new.packed ? "packed" : "not packed", breaking: true, "packing changed")
    }
    let oldByName = Dictionary(old.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let newByName = Dictionary(new.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let reuse = reservedReuse(oldByName: oldByName)
    var oldFieldsIntact = true
    var moved: [(old: ABIField, new: ABIField)] = []

    for field in old.fields where !reuse.consumed.contains(field.name) {
      let subject = "\(declaration).\(field.name)"
      guard let updated = newByName[field.name] else {
        add(.fieldRemoved, subject, old: field.summary, new: nil, breaking: true, "removed")
        oldFieldsIntact = false
        continue
      }
      if updated.offset != field.offset { moved.append((field, updated)) }
      if updated.size != field.size {
        add(.fieldSizeChanged, subject, old: field.summary, new: updated.summary, breaking: true, "size changed")
      }
      if updated.canonicalType != field.canonicalType {
        add(.fieldTypeChanged, subject, old: field.summary, new: updated.summary, breaking: true, "type changed")
      }
      if updated.bitOffset != field.bitOffset || updated.bitWidth != field.bitWidth {
        add(.fieldBitsChanged, subject, old: field.summary, new: updated.summary, breaking: true, "bit-field moved or resized")
      }
      if updated.offset != field.offset || updated.size != field.size || updated.canonicalType != field.canonicalType
        || updated.bitOffset != field.bitOffset || updated.bitWidth != field.bitWidth
      {
        oldFieldsIntact = false
      }
    }

    let oldEnd = old.fields.map(\.end).max() ?? 0
    let added = new.fields.filter { oldByName[$0.name] == nil && !reuse.explained.contains($0.name) }
    let insertions = added.filter { field in moved.contains { $0.new.offset > field.offset && $0.new.offset > $0.old.offset } }
    var attributed: Set<String> = []
    for field in added {
      let subject = "\(declaration).\(field.name)"
      if insertions.contains(field) {
        let later = insertions.filter { $0.offset > field.offset }.map(\.offset).min() ?? Int.max
        let shifted = moved.filter {
          $0.new.offset > field.offset && $0.new.offset > $0.old.offset && $0.new.offset <= later
        }
        attributed.formUnion(shifted.map(\.old.name))
        add(
          .fieldInserted, subject, old: nil, new: field.summary, breaking: true,
          "inserted before existing fields, which moved",
          shifted: shifted.map { .init(name: $0.old.name, oldOffset: $0.old.offset, newOffset: $0.new.offset) })
      } else if let twin = old.fields.first(where: {
        $0.offset == field.offset && $0.size == field.size && $0.bitWidth == nil && field.bitWidth == nil
          && newByName[$0.name] == $0
      }), old.kind == .struct, new.size == old.size {
        add(
          .fieldAdded, subject, old: nil, new: field.summary, breaking: false,
          "alias of \(twin.name) at the same offset and size (anonymous union)")
      } else if field.isReserved && field.bitWidth == nil && moved.isEmpty && new.size == old.size
        && field.offset >= oldEnd
      {
        add(
          .fieldAdded, subject, old: nil, new: field.summary, breaking: false,
          "padding the compiler already inserted, now named")
      } else if new.kind == .union && old.kind == .union && new.size == old.size && new.alignment == old.alignment {
        add(.fieldAdded, subject, old: nil, new: field.summary, breaking: false, "new union member within the old size")
      } else if isArgszExtensible && field.offset >= old.size {
        add(.fieldAdded, subject, old: nil, new: field.summary, breaking: false, "appended at the tail of an argsz struct")
      } else if field.isFlexibleArray && new.size == old.size && field.offset >= oldEnd && field == new.fields.last {
        add(
          .flexibleArrayAppended, subject, old: nil, new: field.summary, breaking: false,
          "flexible array member appended without a size change")
      } else {
        add(
          .fieldAdded, subject, old: nil, new: field.summary, breaking: true,
          "added to a struct that is not argsz-extensible: old callers leave these bytes unset")
      }
    }
    for move in moved where !attributed.contains(move.old.name) {
      add(
        .fieldOffsetChanged, "\(declaration).\(move.old.name)", old: move.old.summary, new: move.new.summary,
        breaking: true, "offset changed")
    }
    for use in reuse.findings { findings.append(use) }

    let tailGrowth = isArgszExtensible && oldFieldsIntact && new.size >= old.size
    if old.size != new.size {
      add(
        .recordSizeChanged, declaration, old: "\(old.size)", new: "\(new.size)", breaking: !tailGrowth,
        tailGrowth ? "tail growth of an argsz struct" : "size changed")
    }
    if old.alignment != new.alignment {
      add(
        .recordAlignmentChanged, declaration, old: "\(old.alignment)", new: "\(new.alignment)",
        breaking: !tailGrowth, tailGrowth ? "tail growth of an argsz struct" : "alignment changed")
    }
  }

  /// A `reserved`/`pad`/`resv` field whose bytes new fields now use: the new fields lie inside its old
  /// range (what is left of it may stay, also inside the range), so old callers, which zeroed it, still
  /// agree with the kernel.
  private func reservedReuse(oldByName: [String: ABIField]) -> (
    consumed: Set<String>, explained: Set<String>, findings: [Finding]
  ) {
    var consumed: Set<String> = []
    var explained: Set<String> = []
    var findings: [Finding] = []
    for reserved in old.fields where reserved.isReserved && reserved.bitWidth == nil && reserved.size > 0 {
      let range = reserved.offset..<reserved.end
      let overlapping = new.fields.filter { $0.offset < range.upperBound && $0.end > range.lowerBound && $0.size > 0 }
      let users = overlapping.filter { oldByName[$0.name] == nil }
      let fitsInside = overlapping.allSatisfy {
        $0.offset >= range.lowerBound && $0.end <= range.upperBound && $0.bitWidth == nil
          && (oldByName[$0.name] == nil || $0.name == reserved.name || ($0.isReserved && oldByName[$0.name] == nil))
      }
      guard !users.isEmpty, fitsInside, new.size == old.size else { continue }
      consumed.insert(reserved.name)
      for user in users where !user.isReserved || user.name != reserved.name {
        explained.insert(user.name)
        findings.append(
          Finding(
            kind: .reservedFieldUsed, declaration: "\(declaration).\(user.name)", old: "\(reserved.name): \(reserved.summary)",
            new: user.summary, breaking: false, reason: "reserved space put to use at the same place"))
      }
    }
    return (consumed, explained, findings)
  }
}

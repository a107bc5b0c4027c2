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
      if updated.offset == field.offset && new.size == old.size && field.isOneOrZeroElementArray(becoming: updated) {
        add(
          .flexibleArrayConverted, subject, old: field.summary, new: updated.summary, breaking: false,
          "[0]/[1] trailing array now a flexible array member, record layout unchanged")
        continue
      }
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
    // An added field is an insertion when some old field moved forward past it. Everything below is
    // linear (or n log n) in the fields: records of thousands of fields are diffed in milliseconds.
    let forward = moved.filter { $0.new.offset > $0.old.offset }.sorted { $0.new.offset < $1.new.offset }
    let forwardOffsets = forward.map(\.new.offset)
    let furthest = forward.last?.new.offset ?? Int.min
    let insertions = added.filter { $0.offset < furthest }
    let insertionNames = Set(insertions.map(\.name))
    let insertionOffsets = insertions.map(\.offset).sorted()
    // For the alias rule: the first old field at each (offset, size) that the new record kept as is.
    var twins: [Pair: ABIField] = [:]
    for field in old.fields where field.bitWidth == nil && newByName[field.name] == field {
      let key = Pair(field.offset, field.size)
      if twins[key] == nil { twins[key] = field }
    }
    var attributed: Set<String> = []
    for field in added {
      let subject = "\(declaration).\(field.name)"
      if insertionNames.contains(field.name) {
        // The fields this insertion moved: those now after it and up to the next insertion.
        let later = insertionOffsets[Self.firstIndex(in: insertionOffsets, above: field.offset)...].first ?? Int.max
        let first = Self.firstIndex(in: forwardOffsets, above: field.offset)
        let shifted = forward[first...].prefix { $0.new.offset <= later }
        attributed.formUnion(shifted.map(\.old.name))
        add(
          .fieldInserted, subject, old: nil, new: field.summary, breaking: true,
          "inserted before existing fields, which moved",
          shifted: shifted.map { .init(name: $0.old.name, oldOffset: $0.old.offset, newOffset: $0.new.offset) })
      } else if field.bitWidth == nil, let twin = twins[Pair(field.offset, field.size)], old.kind == .struct,
        new.size == old.size
      {
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

  /// The index of the first element greater than `value` in an ascending array.
  private static func firstIndex(in sorted: [Int], above value: Int) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] > value { high = middle } else { low = middle + 1 }
    }
    return low
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
    // New fields by offset, and for each position the furthest end of the fields before it: the fields
    // overlapping a range are those starting inside it plus, when that end reaches into it, one that
    // starts before (which rules the reuse out anyway). Each lookup is a binary search.
    let sorted = new.fields.filter { $0.size > 0 }.sorted { $0.offset < $1.offset }
    let offsets = sorted.map(\.offset)
    var reachBefore = [Int.min]
    for field in sorted { reachBefore.append(max(reachBefore[reachBefore.count - 1], field.end)) }
    for reserved in old.fields where reserved.isReserved && reserved.bitWidth == nil && reserved.size > 0 {
      guard reserved.offset < reserved.end else { continue }
      let range = reserved.offset..<reserved.end
      let first = Self.firstIndex(in: offsets, above: range.lowerBound &- 1)
      guard reachBefore[first] <= range.lowerBound else { continue }
      let overlapping = sorted[first...].prefix { $0.offset < range.upperBound }
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

/// An (offset, size) key.
private struct Pair: Hashable {
  let offset: Int
  let size: Int

  init(_ offset: Int, _ size: Int) {
    self.offset = offset
    self.size = size
  }
}

import Testing
import VFIOABI

/// One fixture pair per rule: the finding it must produce and the verdict.
struct RuleCase: Sendable, CustomTestStringConvertible {
  let fixture: String
  let kind: Finding.Kind
  let declaration: String
  let verdict: Finding.Verdict

  var testDescription: String { "\(fixture): \(kind.rawValue) \(verdict.rawValue)" }

  static let all: [RuleCase] = [
    .init(fixture: "record-removed", kind: .recordRemoved, declaration: "struct gone", verdict: .sourceBreaking),
    .init(fixture: "field-removed", kind: .fieldRemoved, declaration: "struct s.b", verdict: .binaryBreaking),
    .init(fixture: "field-offset", kind: .fieldOffsetChanged, declaration: "struct s.a", verdict: .binaryBreaking),
    .init(fixture: "field-size", kind: .fieldSizeChanged, declaration: "struct s.b", verdict: .binaryBreaking),
    .init(fixture: "field-type", kind: .fieldTypeChanged, declaration: "struct s.b", verdict: .sourceBreaking),
    .init(fixture: "typedef-array", kind: .fieldTypeChanged, declaration: "struct s.b", verdict: .sourceBreaking),
    .init(fixture: "typedef-array", kind: .fieldTypeChanged, declaration: "struct s.a", verdict: .sourceBreaking),
    .init(fixture: "typedef-pointer", kind: .fieldTypeChanged, declaration: "struct s.p", verdict: .sourceBreaking),
    .init(fixture: "typedef-pointer", kind: .fieldTypeChanged, declaration: "struct s.q", verdict: .sourceBreaking),
    .init(fixture: "typedef-function-pointer", kind: .fieldTypeChanged, declaration: "struct s.f", verdict: .sourceBreaking),
    .init(fixture: "typedef-function-pointer", kind: .fieldTypeChanged, declaration: "struct s.g", verdict: .sourceBreaking),
    .init(fixture: "typedef-function-result", kind: .fieldTypeChanged, declaration: "struct s.f", verdict: .sourceBreaking),
    .init(fixture: "record-size", kind: .recordSizeChanged, declaration: "struct s", verdict: .binaryBreaking),
    .init(fixture: "alignment", kind: .recordAlignmentChanged, declaration: "struct s", verdict: .compatible),
    .init(fixture: "field-renamed", kind: .fieldRemoved, declaration: "struct s.b", verdict: .sourceBreaking),
    .init(fixture: "field-renamed", kind: .fieldAdded, declaration: "struct s.c", verdict: .sourceBreaking),
    .init(fixture: "flexible-union", kind: .fieldAdded, declaration: "struct s.legacy_padding", verdict: .compatible),
    .init(fixture: "flexible-union", kind: .fieldAdded, declaration: "struct s.__empty_wData", verdict: .compatible),
    .init(fixture: "enum-value-reused", kind: .constantRemoved, declaration: "ATTR_OLD", verdict: .binaryBreaking),
    .init(fixture: "version-macro", kind: .constantValueChanged, declaration: "FOO_API_VERSION", verdict: .compatible),
    .init(fixture: "version-macro", kind: .constantValueChanged, declaration: "FOO_VERSION_MINOR", verdict: .compatible),
    .init(fixture: "mask-macro", kind: .constantValueChanged, declaration: "F_ALL", verdict: .compatible),
    .init(fixture: "mask-macro-wrong", kind: .constantValueChanged, declaration: "G_ALL", verdict: .binaryBreaking),
    .init(fixture: "kind-changed", kind: .recordKindChanged, declaration: "struct s", verdict: .binaryBreaking),
    .init(fixture: "packed", kind: .packedChanged, declaration: "struct s", verdict: .binaryBreaking),
    .init(fixture: "bitfield", kind: .fieldBitsChanged, declaration: "struct s.a", verdict: .binaryBreaking),
    .init(fixture: "enum-value", kind: .constantValueChanged, declaration: "E_B", verdict: .binaryBreaking),
    .init(fixture: "macro-128", kind: .constantValueChanged, declaration: "WIDE", verdict: .binaryBreaking),
    .init(fixture: "enum-removed", kind: .constantRemoved, declaration: "E_B", verdict: .sourceBreaking),
    .init(fixture: "macro-removed", kind: .constantRemoved, declaration: "M_B", verdict: .sourceBreaking),
    .init(fixture: "ioctl-number", kind: .constantValueChanged, declaration: "S_IOCTL", verdict: .binaryBreaking),
    .init(fixture: "macro-to-enum-changed", kind: .constantValueChanged, declaration: "STATE_RUNNING", verdict: .binaryBreaking),
    .init(fixture: "macro-to-enum-same", kind: .constantMoved, declaration: "STATE_RUNNING", verdict: .compatible),
    .init(fixture: "new-declarations", kind: .recordAdded, declaration: "struct t", verdict: .compatible),
    .init(fixture: "new-declarations", kind: .constantAdded, declaration: "M_NEW", verdict: .compatible),
    .init(fixture: "new-declarations", kind: .constantAdded, declaration: "E_A", verdict: .compatible),
    .init(fixture: "argsz-tail", kind: .fieldAdded, declaration: "struct s.offset", verdict: .compatible),
    .init(fixture: "argsz-tail", kind: .recordSizeChanged, declaration: "struct s", verdict: .compatible),
    .init(fixture: "tail-without-argsz", kind: .recordSizeChanged, declaration: "struct s", verdict: .binaryBreaking),
    .init(fixture: "reserved-reuse", kind: .reservedFieldUsed, declaration: "struct s.index", verdict: .compatible),
    .init(fixture: "reserved-partial", kind: .reservedFieldUsed, declaration: "struct s.b", verdict: .compatible),
    .init(fixture: "flexible-array", kind: .flexibleArrayAppended, declaration: "struct s.data", verdict: .compatible),
    .init(fixture: "insertion", kind: .fieldInserted, declaration: "struct s.x", verdict: .binaryBreaking),
    .init(fixture: "moved", kind: .recordMoved, declaration: "struct wanders", verdict: .compatible),
    .init(fixture: "moved", kind: .constantMoved, declaration: "WANDERING", verdict: .compatible),
    .init(fixture: "sentinel-grew", kind: .sentinelGrew, declaration: "__ATTR_MAX", verdict: .compatible),
    .init(fixture: "sentinel-grew", kind: .sentinelGrew, declaration: "ATTR_MAX", verdict: .compatible),
    .init(fixture: "sentinel-moved", kind: .sentinelGrew, declaration: "__ATTR_CNT", verdict: .compatible),
    .init(fixture: "sentinel-moved", kind: .constantMoved, declaration: "ATTR_B", verdict: .compatible),
    .init(fixture: "alias-union", kind: .fieldAdded, declaration: "struct s.ids", verdict: .compatible),
    .init(fixture: "alias-padding", kind: .fieldAdded, declaration: "struct s.a2", verdict: .binaryBreaking),
    .init(fixture: "sentinel-shrank", kind: .constantValueChanged, declaration: "__ATTR_MAX", verdict: .binaryBreaking),
    .init(fixture: "flexible-zero", kind: .flexibleArrayConverted, declaration: "struct s.data", verdict: .compatible),
    .init(fixture: "flexible-one-resized", kind: .fieldSizeChanged, declaration: "struct s.data", verdict: .binaryBreaking),
    .init(fixture: "typedef-record", kind: .fieldSizeChanged, declaration: "guid_t.b", verdict: .binaryBreaking),
    .init(fixture: "typedef-record", kind: .recordSizeChanged, declaration: "guid_t", verdict: .binaryBreaking),
  ]
}

@Suite("ABI rules on fixture pairs")
struct RuleTests {
  @Test("Each rule produces its finding and verdict", arguments: RuleCase.all)
  func rule(_ rule: RuleCase) throws {
    let (old, new) = try Fixture.pair(rule.fixture)
    let diff = ABIDiff(old: old, new: new)
    let finding = try #require(
      diff.findings.first { $0.kind == rule.kind && $0.declaration == rule.declaration },
      "no \(rule.kind) for \(rule.declaration) in \(diff.findings)")
    #expect(finding.verdict == rule.verdict)
    #expect(finding.breaking == (rule.verdict == .binaryBreaking))
    #expect(diff.verdict == rule.verdict)
  }

  @Test("Every verdict class is covered by a fixture")
  func everyVerdictCovered() {
    #expect(Set(RuleCase.all.map(\.verdict)) == Set(Finding.Verdict.allCases))
  }

  @Test("Every finding kind a rule can produce is covered by a fixture")
  func everyKindCovered() {
    let covered = Set(RuleCase.all.map(\.kind))
    let uncovered = Set(Finding.Kind.allCases).subtracting(covered)
    #expect(uncovered.isEmpty, "no fixture for \(uncovered)")
    print("checked \(RuleCase.all.count) rule cases over \(Set(RuleCase.all.map(\.fixture)).count) fixture pairs")
  }

  @Test("An identical header has no findings", arguments: ["freeze-mode", "enumerator-macros"])
  func identical(_ fixture: String) throws {
    let path = try Fixture.path(fixture, "old.h")
    let manifests = try ABIManifest.dump(headers: [.file(path), .file(path)])
    #expect(ABIDiff(old: manifests[0], new: manifests[1]).findings.isEmpty)
  }

  @Test("Types respelled through typedefs, down through arrays, pointers and function pointers, are the same types")
  func respelled() throws {
    let (old, new) = try Fixture.pair("typedef-respelled")
    #expect(ABIDiff(old: old, new: new).findings.isEmpty, "\(ABIDiff(old: old, new: new).findings)")
    // What clang prints as the canonical types.
    let fields = try #require(new.records.first { $0.name == "s" }).fields
    #expect(fields.map(\.canonicalType) == [
      "unsigned int[4]", "unsigned char *", "int (*)(unsigned long long, int *)", "struct (unnamed)[2]",
    ])
    let adjusted = try #require(new.records.first { $0.name == "adjusted" }).fields
    #expect(adjusted.map(\.canonicalType) == ["int (*)(int *, int (*)(int), int)"])
  }

  @Test("A field inserted before every field shifts exactly the one after it", arguments: [1, 2, 3000])
  func interleavedInsertions(_ count: Int) {
    func record(interleaved: Bool) -> ABIRecord {
      let step = interleaved ? 8 : 4
      var fields: [ABIField] = []
      for index in 0..<count {
        if interleaved { fields.append(ABIField(name: "g\(index)", type: "int", canonicalType: "int", offset: index * step, size: 4)) }
        fields.append(ABIField(name: "f\(index)", type: "int", canonicalType: "int", offset: index * step + step - 4, size: 4))
      }
      return ABIRecord(name: "s", kind: .struct, size: count * step, alignment: 4, packed: false, fields: fields)
    }
    func manifest(_ record: ABIRecord) -> ABIManifest {
      ABIManifest(header: "s.h", target: "x86_64-linux-gnu", records: [record], enumConstants: [], macros: [])
    }
    let findings = ABIDiff(old: manifest(record(interleaved: false)), new: manifest(record(interleaved: true))).findings
    let insertions = findings.filter { $0.kind == .fieldInserted }
    #expect(insertions.count == count)
    for (index, insertion) in insertions.enumerated() {
      #expect(insertion.declaration == "struct s.g\(index)")
      let shifted = insertion.shiftedFields.map { "\($0.name) \($0.oldOffset)→\($0.newOffset)" }
      #expect(shifted == ["f\(index) \(4 * index)→\(8 * index + 4)"])
    }
    #expect(!findings.contains { $0.kind == .fieldOffsetChanged })
  }

  @Test("Macros beyond 64 bits keep their exact values; a macro whose value C leaves undefined has none")
  func wideMacros() throws {
    let (old, new) = try Fixture.pair("macro-128")
    // Expected values printed by a C program computing each in __int128 (gcc).
    let values = Dictionary(uniqueKeysWithValues: old.macros.map { ($0.name, $0.value) })
    #expect(values == [
      "WIDE": "1267650600228229401496703205376", "WIDE_NEGATIVE": "-1267650600228229401496703205383",
      "WIDE_UNSIGNED": "85070591730234615865843651857942052869", "ALL_ONES": "18446744073709551615",
      "MINUS_ONE": "-1",
    ])
    let changed = ABIDiff(old: old, new: new).findings
    #expect(changed.map(\.declaration) == ["WIDE"])
    #expect(changed.first?.new?.hasPrefix("2535301200456458802993406410752") == true)
  }

  @Test("Macros whose value is where they are expanded (__LINE__, __COUNTER__) are not constants of the header")
  func positionalMacros() throws {
    let (old, new) = try Fixture.pair("macro-line")
    #expect(old.macros.map(\.name) == ["FIXED"])
    #expect(ABIDiff(old: old, new: new).findings.isEmpty)
  }

  @Test("Inserting freeze_mode shifts exactly queue_notif_config_data and queue_reset")
  func freezeMode() throws {
    let (old, new) = try Fixture.pair("freeze-mode")
    let diff = ABIDiff(old: old, new: new)
    let breaking = diff.findings.filter(\.breaking)
    #expect(breaking.count == 1)
    let insertion = try #require(breaking.first)
    #expect(insertion.kind == .fieldInserted)
    #expect(insertion.declaration == "struct virtio_pci_common_cfg.freeze_mode")
    #expect(insertion.shiftedFields.map(\.name) == ["queue_notif_config_data", "queue_reset"])
    let oldRecord = try #require(old.records.first)
    let newRecord = try #require(new.records.first)
    for shift in insertion.shiftedFields {
      #expect(oldRecord.fields.first { $0.name == shift.name }?.offset == shift.oldOffset)
      #expect(newRecord.fields.first { $0.name == shift.name }?.offset == shift.newOffset)
    }
  }
}

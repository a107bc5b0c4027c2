import Testing

@testable import VFIOABI

@Suite("Probe unit")
struct ProbeUnitTests {
  @Test("In the enumerator form each macro is spelled once, on its question's line")
  func enumeratorFormAsksOnce() {
    var unit = ProbeUnit()
    let names = ["A_MACRO", "B_MACRO", "C_MACRO"]
    for name in names { unit.add(.macro(name)) }
    let source = unit.source(asking: Array(unit.entries.indices), including: "/x.h", marked: false, form: .enumerators)
    let lines = String(decoding: source.text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    for (index, name) in names.enumerated() {
      let spelling = lines.indices.filter { lines[$0].contains(name) }
      #expect(spelling.count == 1, "\(name)")
      #expect(spelling.first.flatMap { source.entryAtLine[$0 + 1] } == index, "\(name)")
      #expect(spelling.first.map { lines[$0].components(separatedBy: name).count } == 2, "\(name)")
    }
  }
}

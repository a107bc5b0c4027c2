import Testing
@testable import VFIOABI

/// Tree mode's table of name hashes keeps every name inserted through its growth, by spelling and by
/// place in a text alike.
@Suite("Name hashes")
struct NameHashesTests {
  @Test("Every name inserted is found after the table grew, and names never inserted are not")
  func growth() {
    var hashes = NameHashes()
    let inserted = (0..<5000).map { Spelling(ArraySlice("NAME_\($0)".utf8)) }
    for name in inserted { hashes.insert(name) }
    #expect(inserted.allSatisfy(hashes.contains))
    #expect(!(5000..<10000).contains { hashes.contains(Spelling(ArraySlice("NAME_\($0)".utf8))) })
    #expect(!NameHashes().contains("NAME_0"))
  }

  @Test("A name at a place in a text is the same name as its spelling")
  func inPlace() {
    let text = ArraySlice("#define OUTER INNER_1 + x".utf8)
    var hashes = NameHashes()
    hashes.insert(text, 8..<13)
    #expect(hashes.contains("OUTER"))
    #expect(hashes.contains(text, 8..<13))
    #expect(!hashes.contains(text, 14..<21))
    #expect(hashes.mayHaveProperPrefix(of: "OUTER_SUFFIX"))
    #expect(!hashes.mayHaveProperPrefix(of: "OUTER"))
  }
}

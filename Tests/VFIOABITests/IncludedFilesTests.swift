import Testing
@testable import VFIOABI

/// Files are named relative to the root that holds them, as the file system compares paths: byte by byte.
@Suite("Included files named by their roots")
struct IncludedFilesTests {
  @Test("The most specific root names a file; a root that only begins a directory's name names nothing there")
  func roots() {
    let roots = IncludedFiles(roots: ["/usr/include/", "/usr/include/x86_64-linux-gnu"])
    #expect(roots.name(of: "/usr/include/x86_64-linux-gnu/asm/types.h") == "asm/types.h")
    #expect(roots.name(of: "/usr/include/linux/types.h") == "linux/types.h")
    #expect(roots.name(of: "/usr/include2/linux/types.h") == nil)
    #expect(roots.name(of: "/usr/include") == nil)
  }

  @Test("A root spelled with a composed é does not name files below one spelled with e and a combining accent")
  func bytes() {
    // Canonically equivalent as Swift strings, two directories to the file system.
    let roots = IncludedFiles(roots: ["/tmp/caf\u{E9}"])
    #expect(roots.name(of: "/tmp/cafe\u{301}/x.h") == nil)
    #expect(roots.name(of: "/tmp/caf\u{E9}/x.h") == "x.h")
  }
}

import Foundation
import Testing
import VFIOABI

/// Which headers tree mode reads: `asm/` through the target's own multiarch directory, roots reached
/// through links, and nothing that is not a regular file.
@Suite("Tree coverage")
struct TreeCoverageTests {
  static func asmTrees() throws -> (old: ABITree, new: ABITree) {
    func root(_ side: String) throws -> String {
      URL(fileURLWithPath: try Fixture.path("asm-trees/\(side)/linux", "plain.h")).deletingLastPathComponent()
        .deletingLastPathComponent().path
    }
    return (ABITree(root: try root("old")), ABITree(root: try root("new")))
  }

  static func status(_ diff: ABITreeDiff) -> [String: String] {
    var status: [String: String] = [:]
    for entry in diff.entries {
      switch entry.outcome {
      case .compared(let headerDiff): status[entry.header] = headerDiff.isBreaking ? "breaking" : "compatible"
      case .unchanged: status[entry.header] = "unchanged"
      case .added: status[entry.header] = "added"
      case .removed: status[entry.header] = "removed"
      case .notStandalone(let side, _): status[entry.header] = "not standalone (\(side))"
      case .failed(let error): status[entry.header] = "failed: \(error)"
      }
    }
    return status
  }

  @Test("asm/ is read through the target's multiarch directory, and named as #include names it")
  func asmHeaders() throws {
    let (old, _) = try Self.asmTrees()
    #expect(try old.headers(target: .x86_64) == ["asm/kvm_para.h", "linux/kvm_para.h", "linux/plain.h"])
    #expect(try old.headers(target: .aarch64) == ["asm/arm.h", "linux/kvm_para.h", "linux/plain.h"])
    #expect(try old.headers(in: ["asm"], target: .x86_64) == ["asm/kvm_para.h"])
  }

  @Test("An asm/ record that lost a field breaks its header, and a linux/ header whose text is unchanged that embeds it")
  func asmChangeReachesLinux() throws {
    let (old, new) = try Self.asmTrees()
    let diff = try ABITreeDiff(old: old, new: new, target: .x86_64, workers: 2)
    #expect(
      Self.status(diff) == ["asm/kvm_para.h": "breaking", "linux/kvm_para.h": "breaking", "linux/plain.h": "unchanged"])
    guard case .compared(let asm) = try #require(diff.entries.first { $0.header == "asm/kvm_para.h" }).outcome else {
      Issue.record("asm/kvm_para.h was not compared")
      return
    }
    let breaking = asm.findings.filter(\.breaking).map(\.declaration)
    #expect(breaking.contains { $0.contains("kvm_vcpu_pv_apf_data") })
    #expect(ABITreeReport(diff).summaryLine == "3 headers checked: 1 compatible, 2 breaking, 0 not standalone")
  }

  @Test("A top directory that holds no header in either tree is refused", arguments: [["asmm"], ["linux", "nothere"]])
  func underNamesNothing(_ directories: [String]) throws {
    let (old, new) = try Self.asmTrees()
    let missing = directories.filter { $0 != "linux" }
    #expect(throws: ABIError.noHeadersUnder(missing, old: old.root, new: new.root)) {
      try ABITreeDiff(old: old, new: new, target: .x86_64, directories: directories)
    }
  }

  @Test("A root reached through a symbolic link is walked like the directory itself, old side and new")
  func symlinkedRoots() throws {
    let (old, new) = try Self.asmTrees()
    try TemporaryDirectory.with("vfio-abi-links") { links in
      let oldLink = links.appendingPathComponent("old").path
      let newLink = links.appendingPathComponent("new").path
      try FileManager.default.createSymbolicLink(atPath: oldLink, withDestinationPath: old.root)
      try FileManager.default.createSymbolicLink(atPath: newLink, withDestinationPath: new.root)
      #expect(ABITree(root: oldLink).root == old.root)
      let viaLinks = try ABITreeDiff(old: ABITree(root: oldLink), new: ABITree(root: newLink), target: .x86_64, workers: 2)
      let direct = try ABITreeDiff(old: old, new: new, target: .x86_64, workers: 2)
      #expect(Self.status(viaLinks) == Self.status(direct))
    }
  }

  @Test("A FIFO named like a header is skipped with a note, never opened")
  func specialFiles() throws {
    try TemporaryDirectory.with("vfio-abi-fifo") { root in
      try FileManager.default.createDirectory(at: root.appendingPathComponent("linux"), withIntermediateDirectories: true)
      try Data("struct a { int a; };\n".utf8).write(to: root.appendingPathComponent("linux/a.h"))
      let fifo = root.appendingPathComponent("linux/fifo.h").path
      #expect(mkfifo(fifo, 0o644) == 0)
      let tree = ABITree(root: root.path)
      let listing = try tree.listing(target: .x86_64)
      #expect(listing.headers == ["linux/a.h"])
      #expect(listing.skipped == [tree.root + "/linux/fifo.h"])
      let diff = try ABITreeDiff(old: tree, new: tree, target: .x86_64, workers: 1)
      #expect(diff.skipped == [tree.root + "/linux/fifo.h", tree.root + "/linux/fifo.h"])
      #expect(ABITreeReport(diff).text(colour: false).contains("Skipped, not a regular file (2)"))
    }
  }
}

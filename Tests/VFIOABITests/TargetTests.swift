import Foundation
import Testing
@testable import VFIOABI

@Suite("Targets")
struct TargetTests {
  /// The cross `asm/` headers a target needs, when this machine has them; the others are named.
  static func available(_ target: ABITarget) -> Bool {
    target == ABITarget.host || FileManager.default.fileExists(atPath: "/usr/\(target.debianTriple)/include/asm/ioctl.h")
  }

  @Test("`__counted_by` compiles for every target, whatever linux/stddef.h is found", arguments: ABITarget.known)
  func countedBy(_ target: ABITarget) throws {
    guard Self.available(target) else {
      print("skipped \(target): apt-get install \(target.crossPackage)")
      return
    }
    let path = try Fixture.path("targets", "counted.h")
    let manifest = try ABIManifest.dump(header: .file(path), target: target)
    #expect(manifest.target == target.triple)
    #expect(manifest.records.map(\.name) == ["counted"])
    let cross = target == ABITarget.host ? [] : ["-isystem", "/usr/\(target.debianTriple)/include"]
    let failure = try StaticAssertions.check(
      manifest, path: path, clang: try Clang.locate().executable, includes: [],
      flags: ["-target", target.triple, "-D__counted_by(m)="] + cross)
    #expect(failure == nil, "\(failure ?? "")")
  }

  @Test("Manifests of different targets are not diffed")
  func differentTargets() throws {
    let other = try #require(ABITarget.known.first { $0 != ABITarget.host && Self.available($0) })
    let path = try Fixture.path("targets", "counted.h")
    let host = try ABIManifest.dump(header: .file(path))
    let foreign = try ABIManifest.dump(header: .file(path), target: other)
    #expect(throws: ABIError.targetMismatch(old: host.target, new: foreign.target)) {
      try ABIDiff(comparing: host, with: foreign)
    }
    #expect(throws: ABIError.targetMismatch(old: host.target, new: foreign.target)) {
      try ABIBaseline.nearest(to: foreign, among: [host])
    }
    #expect(try ABIDiff(comparing: host, with: host).findings.isEmpty)
  }

  @Test("The newest tree's headers that use `__counted_by` dump for every target")
  func newestTree() throws {
    guard let root = CompletenessTests.trees.last, root != "/usr/include" else {
      print("skipped: VFIO_UAPI_TREES names no tree besides /usr/include (scripts/uapi-trees.sh)")
      return
    }
    let tree = ABITree(root: root)
    let clang = try Clang.locate().executable
    let annotated = try tree.headers(in: ["linux"]).filter { name in
      let text = (try? String(contentsOfFile: root + "/" + name, encoding: .utf8)) ?? ""
      return text.contains("__counted_by") && !name.hasSuffix("stddef.h")
    }
    #expect(!annotated.isEmpty)
    for target in ABITarget.known where Self.available(target) {
      let includes = tree.includeDirectories(for: target)
      for name in annotated {
        let manifest: ABIManifest
        do {
          manifest = try ABIManifest.dump(header: .installed(name), target: target, includeDirectories: includes)
        } catch {
          Issue.record("\(name) for \(target): \(error)")
          continue
        }
        let cross =
          includes.contains { FileManager.default.fileExists(atPath: $0 + "/asm/ioctl.h") } || target == ABITarget.host
          ? [] : ["-isystem", "/usr/\(target.debianTriple)/include"]
        let failure = try StaticAssertions.check(
          manifest, path: root + "/" + name, clang: clang, includes: includes, flags: ["-target", target.triple] + cross)
        #expect(failure == nil, "\(name) for \(target): \(failure ?? "")")
      }
    }
    print("\(annotated.count) headers using __counted_by in \(root) dumped for every available target")
  }
}

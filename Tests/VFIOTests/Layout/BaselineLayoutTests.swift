import Testing
import VFIO
import VFIOABI

@Suite("Swift, the C compiler and the committed baseline agree")
struct BaselineLayoutTests {
  @Test("(a) Swift == (b) C == (c) the committed baseline of this header generation")
  func threeSourcesAgree() throws {
    let selection = try ManifestLayouts.baseline()
    let generation = selection.generation
    guard selection.exact else {
      // A header without a baseline of its own: newer than every baseline, it may only add to the
      // newest; between two, it may also carry the kernel's own breaks between them.
      let diff = ABIDiff(old: selection.manifest, new: try ManifestLayouts.currentHeader())
      let unexplained = try selection.unexplainedBreaks(in: diff)
      #expect(unexplained.isEmpty, "\(unexplained)")
      print("header \(HeaderGeneration.current) has no baseline; against vfio-\(generation).json: \(diff.findings.count) findings,"
        + " \(diff.findings.filter(\.breaking).count) breaking, each a break the kernel made between the baselines")
      return
    }
    let baseline = selection.manifest.records.map(StructLayout.init)
    // Swift against C over every struct, then C against the baseline over the baseline's structs:
    // the public one-line check with a baseline.
    let mismatches = VFIOLayout.mismatches(against: baseline)
    for mismatch in mismatches { Issue.record("\(mismatch)") }
    let cAgainstBaseline = LayoutComparison(VFIOLayout.cStructs, named: "C", against: baseline, named: "baseline")
    let fields = baseline.reduce(0) { $0 + $1.fields.count }
    #expect(cAgainstBaseline.structs == baseline.count)
    #expect(cAgainstBaseline.fields == fields)
    print(
      "header \(generation): Swift == C == vfio-\(generation).json: \(baseline.count) structs, \(fields) fields verified, \(mismatches.count) mismatches"
    )
  }
}

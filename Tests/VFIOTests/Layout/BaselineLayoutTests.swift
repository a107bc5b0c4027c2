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
      // A header newer than every baseline: it must only add to the newest one.
      let diff = ABIDiff(old: selection.manifest, new: try ManifestLayouts.currentHeader())
      #expect(!diff.isBreaking, "\(diff.findings.filter(\.breaking))")
      print("header \(HeaderGeneration.current) has no baseline; compatible with vfio-\(generation).json: \(diff.findings.count) findings")
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

/// Layout verification of every struct `<linux/vfio.h>` defines, for a VMM's own regression tests:
///
/// ```swift
/// @Test func vfioLayouts() { #expect(VFIOLayout.mismatches().isEmpty) }
/// ```
///
/// Swift's view (`MemoryLayout` of each imported struct) is compared with the C compiler's
/// (`sizeof`, `_Alignof`, `offsetof`, compiled into CVFIO against the header the consumer builds
/// with), so a header whose layout Swift imports differently fails the test instead of corrupting
/// memory passed to the kernel.
public enum VFIOLayout {
  /// Every struct as the C compiler lays it out, in header order.
  public static let cStructs: [StructLayout] = CLayout.structs()

  /// Every struct as Swift lays it out, in header order.
  public static let swiftStructs: [StructLayout] = importedStructs()

  /// Every disagreement between Swift and the C compiler, and, when `baseline` is given, between
  /// the C compiler and that baseline (a committed description of a known header).
  public static func mismatches(against baseline: [StructLayout]? = nil) -> [LayoutMismatch] {
    verify(against: baseline).mismatches
  }

  /// The comparison of Swift with C, then of C with `baseline` if one is given.
  public static func verify(against baseline: [StructLayout]? = nil) -> LayoutComparison {
    let c = cStructs
    var result = LayoutComparison(swiftStructs, named: "Swift", against: c, named: "C")
    if let baseline {
      let drift = LayoutComparison(c, named: "C", against: baseline, named: "baseline")
      result.mismatches += drift.mismatches
    }
    return result
  }
}

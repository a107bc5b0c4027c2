import CVFIO
import CVFIOOracle
import Testing
import VFIOABI

@testable import VFIO

/// The integer constants (object-like macros and enumerators) of one header, as clang evaluates
/// them: the ABI engine's manifest.
func integers(of manifest: ABIManifest) -> [String: Int64] {
  var table: [String: Int64] = [:]
  for macro in manifest.macros { if let value = Int64(macro.value) { table[macro.name] = value } }
  for constant in manifest.enumConstants { if let value = Int64(constant.value) { table[constant.name] = value } }
  return table
}

/// The installed header's integers: the C compiler's truth for the generation under test.
let headerIntegers: [String: Int64] = (try? integers(of: ManifestLayouts.currentHeader())) ?? [:]

/// Every committed generation's integers, oldest first, as clang evaluated them on that
/// generation's header when the baseline was made.
let baselineIntegers: [(generation: String, integers: [String: Int64])] = {
  guard let generations = try? ABIBaseline.generations() else { return [] }
  return generations.compactMap { generation in
    (try? ABIBaseline.manifest(generation: generation)).map { (generation, integers(of: $0)) }
  }
}()

/// One Swift constant, widened, with the C name it must equal.
struct SwiftConstant: Sendable, CustomTestStringConvertible {
  let type: String
  let name: String
  let cName: String
  let value: UInt64
  let bitWidth: Int

  var testDescription: String { "\(type).\(name) (\(cName))" }

  init<T: RawRepresentable>(_ constant: NamedConstant<T>) where T.RawValue: FixedWidthInteger & UnsignedInteger {
    self.init(type: "\(T.self)", name: constant.name, cName: constant.cName, raw: constant.value.rawValue)
  }

  init<Raw: FixedWidthInteger & UnsignedInteger>(type: String, name: String, cName: String, raw: Raw) {
    self.type = type
    self.name = name
    self.cName = cName
    self.value = UInt64(raw)
    self.bitWidth = Raw.bitWidth
  }

  /// Whether C's `value` is this constant: it fits the Swift type's width as an
  /// unsigned value or as a negative two's-complement one (`1 << 31`, `-1`),
  /// and its bits are the same.
  func equals(c: Int64) -> Bool {
    if bitWidth < 64 {
      let low = -(Int64(1) << (bitWidth - 1)), high = (Int64(1) << bitWidth) - 1
      guard c >= low, c <= high else { return false }
    }
    return UInt64(bitPattern: c) & (UInt64.max >> (64 - bitWidth)) == value
  }
}

/// Every named constant of the Constants folder, plus the unimportable macros
/// CVFIO re-exports.
let swiftConstants: [SwiftConstant] = {
  func all<T: RawRepresentable>(_ tables: [NamedConstant<T>]...) -> [SwiftConstant]
  where T.RawValue: FixedWidthInteger & UnsignedInteger {
    tables.flatMap { $0.map(SwiftConstant.init) }
  }
  return all(DeviceInfoFlags.knownFlags)
    + all(RegionInfoFlags.knownFlags)
    + all(IRQInfoFlags.knownFlags)
    + all(IRQSetFlags.knownFlags, IRQSetFlags.knownMasks)
    + all(IOMMUInfoFlags.knownFlags)
    + all(DMAMapFlags.knownFlags)
    + all(DMAUnmapFlags.knownFlags)
    + all(DirtyPagesFlags.knownFlags)
    + all(DeviceFeatureFlags.knownFlags, DeviceFeatureFlags.knownMasks)
    + all(MigrationFlags.knownFlags)
    + all(GroupStatusFlags.knownFlags)
    + all(PCIHotResetFlags.knownFlags)
    + all(IOEventFDFlags.knownFlags, IOEventFDFlags.knownMasks)
    + all(GFXPlaneFlags.knownFlags)
    + all(SPAPRInfoFlags.knownFlags)
    + all(PCIAtomicCompletionFlags.knownFlags)
    + all(DeviceBindFlags.knownFlags)
    + all(PageTableAttachFlags.knownFlags)
    + all(PageTableDetachFlags.knownFlags)
    + all(PrecopyInfoFlags.knownFlags)
    + all(RegionIndex.knownValues, RegionIndex.knownLimits)
    + all(IRQIndex.knownValues, IRQIndex.knownLimits)
    + all(RegionCapabilityID.knownValues)
    + all(DeviceCapabilityID.knownValues)
    + all(IOMMUCapabilityID.knownValues)
    + all(VFIOExtension.knownValues)
    + all(RegionType.knownValues, RegionType.knownLimits)
    + all(RegionSubtype.knownValues)
    + all(DeviceFeature.knownValues)
    + all(BusMasterOperation.knownValues)
    + all(EEHOperation.knownValues)
    + all(EEHState.knownValues)
    + all(GFXLinkState.knownValues)
    + all(IOMMUFDDeviceID.knownValues)
    + [SwiftConstant(type: "CVFIO", name: "CVFIO_TYPE", cName: "VFIO_TYPE", raw: UInt8(CVFIO_TYPE))]
}()

@Suite("Constants against the C compiler")
struct OracleConstantTests {
  /// Counts grow from one generation to the next; CVFIO supplies the newest header's.
  static func isCount(_ cName: String) -> Bool {
    cName.contains("_NUM_") || cName.hasSuffix("_MAX")
  }

  @Test("Every Swift constant equals the installed header's C value", arguments: swiftConstants)
  func equalsInstalledHeader(_ constant: SwiftConstant) throws {
    #expect(!headerIntegers.isEmpty, "the installed header's manifest could not be dumped")
    guard let c = headerIntegers[constant.cName] else {
      // Supplied by CVFIO: some generation's header must define it.
      #expect(
        baselineIntegers.contains { $0.integers[constant.cName] != nil },
        "\(constant.cName) is in no header generation")
      return
    }
    #expect(constant.equals(c: c), "Swift \(constant.value) (\(constant.bitWidth) bits), C \(c)")
  }

  @Test("A value CVFIO supplies equals every generation's C value", arguments: swiftConstants)
  func equalsEveryGeneration(_ constant: SwiftConstant) throws {
    let defining = baselineIntegers.filter { $0.integers[constant.cName] != nil }
    // The installed header's value is the truth where it has the name (the test above); a count
    // then follows the installed header, an older generation's count is smaller.
    let judged = headerIntegers[constant.cName] == nil && Self.isCount(constant.cName)
      ? Array(defining.suffix(1)) : defining
    for (generation, integers) in judged {
      guard let c = integers[constant.cName] else { continue }
      if Self.isCount(constant.cName) && headerIntegers[constant.cName] != nil { continue }
      #expect(constant.equals(c: c), "Linux \(generation): Swift \(constant.value), C \(c)")
    }
  }

  @Test("Each Swift constant has its own C name")
  func namesAreUnique() {
    let names = swiftConstants.map(\.cName)
    #expect(Set(names).count == names.count)
    let compared = swiftConstants.filter { headerIntegers[$0.cName] != nil }.count
    print(
      "header \(HeaderGeneration.current): checked \(compared) Swift constants against its C values,"
        + " \(swiftConstants.count - compared) supplied by CVFIO and checked against"
        + " \(baselineIntegers.map(\.generation).joined(separator: ", "))"
    )
  }

  @Test("Every named flag is a single bit, distinct from its siblings")
  func flagsAreSingleBits() {
    func check<T: OptionSet>(_ table: [NamedConstant<T>]) where T.RawValue: FixedWidthInteger {
      for flag in table { #expect(flag.value.rawValue.nonzeroBitCount == 1, "\(T.self).\(flag.name)") }
      #expect(Set(table.map { $0.value.rawValue }).count == table.count, "\(T.self)")
    }
    check(DeviceInfoFlags.knownFlags)
    check(RegionInfoFlags.knownFlags)
    check(IRQInfoFlags.knownFlags)
    check(IRQSetFlags.knownFlags)
    check(IOMMUInfoFlags.knownFlags)
    check(DMAMapFlags.knownFlags)
    check(DMAUnmapFlags.knownFlags)
    check(DirtyPagesFlags.knownFlags)
    check(DeviceFeatureFlags.knownFlags)
    check(MigrationFlags.knownFlags)
    check(GroupStatusFlags.knownFlags)
    check(PCIHotResetFlags.knownFlags)
    check(IOEventFDFlags.knownFlags)
    check(GFXPlaneFlags.knownFlags)
    check(SPAPRInfoFlags.knownFlags)
    check(PCIAtomicCompletionFlags.knownFlags)
  }
}

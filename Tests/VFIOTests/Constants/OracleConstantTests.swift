import CVFIO
import CVFIOOracle
import Testing

@testable import VFIO

/// The oracle's integers by C name: the C compiler's value, or nil for a 6.12
/// name the header under test lacks.
let oracleIntegers: [String: Int64?] = {
  var table: [String: Int64?] = [:]
  for index in 0..<cvfio_oracle_integer_count() {
    let entry = cvfio_oracle_integer_at(index)
    table[String(cString: entry.name)] = entry.present != 0 ? Int64(entry.value) : .some(nil)
  }
  return table
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
  @Test("Every Swift constant equals C's", arguments: swiftConstants)
  func equalsC(_ constant: SwiftConstant) throws {
    let entry = try #require(oracleIntegers[constant.cName], "\(constant.cName) is not a constant of the 6.12 header")
    guard let c = entry else {
      // Only a header older than the oracle's reference may lack a name.
      #expect(Toolchain.headerGeneration != "6.12", "the 6.12 header lacks \(constant.cName)")
      return
    }
    #expect(constant.equals(c: c), "Swift \(constant.value) (\(constant.bitWidth) bits), C \(c)")
  }

  @Test("Each Swift constant has its own C name")
  func namesAreUnique() {
    let names = swiftConstants.map(\.cName)
    #expect(Set(names).count == names.count)
    let compared = swiftConstants.filter { oracleIntegers[$0.cName].flatMap { $0 } != nil }.count
    let unmatched = Set(oracleIntegers.keys).subtracting(names).sorted()
    print(
      "checked \(compared) Swift constants against C (\(swiftConstants.count - compared) absent from this header);"
        + " the oracle evaluates \(oracleIntegers.count) integer constants of the header;"
        + " \(unmatched.count) have no constant in Sources/VFIO/Constants: \(unmatched.joined(separator: " "))"
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

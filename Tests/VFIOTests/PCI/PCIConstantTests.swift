import CVFIO
import CVFIOOracle
import Testing

@testable import VFIO

/// The C compiler's value of every PCI constant Sources/VFIO/PCI names, by C name.
let pciOracle: [String: UInt64] = {
  var table: [String: UInt64] = [:]
  for index in 0..<cvfio_oracle_pci_named_count() {
    let entry = cvfio_oracle_pci_named_at(index)
    table[String(cString: entry.name)] = entry.value
  }
  return table
}()

/// Every named PCI constant of the Swift layer.
let pciConstants: [SwiftConstant] = {
  func all<T: RawRepresentable>(_ tables: [NamedConstant<T>]...) -> [SwiftConstant]
  where T.RawValue: FixedWidthInteger & UnsignedInteger {
    tables.flatMap { $0.map(SwiftConstant.init) }
  }
  return all(PCICommand.knownFlags) + all(PCIStatus.knownFlags, PCIStatus.knownMasks)
    + all(PCICapabilityID.knownValues) + all(PCIExtendedCapabilityID.knownValues)
}()

@Suite("PCI constants against <linux/pci_regs.h>")
struct PCIConstantTests {
  @Test("Every named PCI constant equals the C compiler's value", arguments: pciConstants)
  func equalsC(_ constant: SwiftConstant) throws {
    let c = try #require(pciOracle[constant.cName], "\(constant.cName) is not in the oracle")
    #expect(constant.value == c, "Swift \(constant.value), C \(c)")
  }

  @Test("The oracle lists exactly the Swift names")
  func oracleCoversTheSwiftNames() {
    #expect(Set(pciConstants.map(\.cName)) == Set(pciOracle.keys))
    #expect(pciConstants.count == pciOracle.count)
  }

  @Test("Flags are single distinct bits")
  func flagsAreSingleBits() {
    for flag in PCICommand.knownFlags { #expect(flag.value.rawValue.nonzeroBitCount == 1, "\(flag.name)") }
    for flag in PCIStatus.knownFlags { #expect(flag.value.rawValue.nonzeroBitCount == 1, "\(flag.name)") }
    #expect(Set(PCIStatus.knownFlags.map(\.value.rawValue)).count == PCIStatus.knownFlags.count)
  }

  @Test("BAR flag bits are the complement of the C masks Swift cannot import")
  func barMasks() {
    #expect(~PCIBAR.memoryFlagBits == cvfio_oracle_pci_memory_address_mask())
    #expect(~PCIBAR.ioFlagBits == cvfio_oracle_pci_io_address_mask())
  }

  /// Headers with every id, version and next pattern worth telling apart, plus a deterministic sweep.
  static let headers: [UInt32] = {
    var headers: [UInt32] = [0, .max, 0x0001_0001, 0x1401_0001, 0xFFC1_000B, 0xFFD2_FFFF, 0x0004_0010, 0x1003_0000]
    var x: UInt32 = 0x9E37_79B9
    for _ in 0..<256 {
      x ^= x << 13
      x ^= x >> 17
      x ^= x << 5
      headers.append(x)
    }
    return headers
  }()

  @Test("Extended capability header fields equal PCI_EXT_CAP_ID, _VER and _NEXT", arguments: headers)
  func extendedHeaderFields(_ header: UInt32) {
    #expect(UInt32(PCIExtendedCapability.id(of: header)) == cvfio_oracle_pci_ext_cap_id(header))
    #expect(UInt32(PCIExtendedCapability.version(of: header)) == cvfio_oracle_pci_ext_cap_ver(header))
    // The C macro clears the low two bits, which the walk reports as misaligned instead.
    #expect(UInt32(PCIExtendedCapability.next(of: header)) & ~3 == cvfio_oracle_pci_ext_cap_next(header))
    #expect(PCIExtendedCapability.next(of: header) < 0x1000)
  }
}

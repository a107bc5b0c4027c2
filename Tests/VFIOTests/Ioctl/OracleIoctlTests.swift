import CVFIOOracle
import Testing
import VFIO

/// The oracle's request numbers by C macro name.
let oracleIoctls: [String: UInt] = {
  var table: [String: UInt] = [:]
  for index in 0..<cvfio_oracle_ioctl_count {
    let entry = cvfio_oracle_ioctl_at(index)
    table[String(cString: entry.name)] = UInt(entry.value)
  }
  return table
}()

@Suite("VFIO request numbers against the C preprocessor")
struct OracleIoctlTests {
  @Test("Every Swift request number equals C's", arguments: VFIOIoctl.all)
  func matchesC(_ ioctl: VFIOIoctl) throws {
    let c = try #require(oracleIoctls[ioctl.name], "\(ioctl.name) is not in the header")
    #expect(UInt(ioctl.request().rawValue) == c)
  }

  @Test("Every ioctl the header defines is named in Swift")
  func headerHasNoUnnamedIoctl() {
    let named = Set(VFIOIoctl.all.map(\.name))
    #expect(Set(oracleIoctls.keys).subtracting(named).isEmpty)
    print("checked \(VFIOIoctl.all.count) VFIO request numbers against C (\(oracleIoctls.count) in the header)")
  }
}

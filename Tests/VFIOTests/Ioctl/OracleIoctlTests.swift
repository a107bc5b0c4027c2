import Foundation
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

@Suite("VFIO request numbers on every architecture")
struct CrossArchitectureVFIOTests {
  /// The oracle's own table, compiled for another architecture's asm/ headers.
  @Test(arguments: CrossArchitecture.all)
  func vfioRequestsMatchC(_ architecture: CrossArchitecture) throws {
    let encoding = try #require(architecture.encoding)
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let oracle = root.appendingPathComponent("Tests/CVFIOOracle")
    let main = """
      #include <stdio.h>
      #include "\(oracle.path)/oracle_ioctls.c"
      int main(void) {
        for (size_t i = 0; i < cvfio_oracle_ioctl_count; i++)
          printf("%s %llu\\n", cvfio_oracle_ioctls[i].name, cvfio_oracle_ioctls[i].value);
        return 0;
      }
      """
    let flags =
      [
        "-I", architecture.includeDirectory, "-I", root.appendingPathComponent("CHeaders").path,
        "-I", oracle.appendingPathComponent("include").path,
      ]
    let output = try Toolchain.compileAndRun(main, flags: flags)
    var c: [String: UInt] = [:]
    for line in output.split(separator: "\n") {
      let parts = line.split(separator: " ")
      c[String(parts[0])] = UInt(parts[1])
    }
    for ioctl in VFIOIoctl.all {
      #expect(UInt(ioctl.request(for: encoding).rawValue) == c[ioctl.name], "\(ioctl.name)")
    }
    #expect(c.count == VFIOIoctl.all.count)
    print("VFIO ioctls on \(architecture.name) (\(encoding)): \(VFIOIoctl.all.count) request numbers checked against C")
  }
}

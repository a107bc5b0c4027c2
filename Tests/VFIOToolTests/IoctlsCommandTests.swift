import Foundation
import Testing
import VFIO
@testable import VFIOTool

@Suite("vfio ioctls")
struct IoctlsCommandTests {
  struct Listing: Decodable {
    struct Entry: Decodable { let name, fd, number, request: String }
    let architecture: String
    let encoding: String
    let ioctls: [Entry]
  }

  @Test(arguments: ["x86_64", "ppc64le", "mips", "hppa"])
  func jsonListsEveryIoctlWithItsRequestForTheArchitecture(_ arch: String) throws {
    let command = try IoctlsCommand.parse(["--arch", arch, "--json"])
    let listing = try JSONDecoder().decode(Listing.self, from: Data(command.render().utf8))
    let encoding = try #require(IoctlEncoding(architecture: arch))
    #expect(listing.architecture == arch)
    #expect(listing.encoding == "\(encoding)")
    let known = VFIOIoctl.all
    #expect(listing.ioctls.map(\.name) == known.map(\.name))
    for (entry, ioctl) in zip(listing.ioctls, known) {
      #expect(entry.fd == ioctl.fileKind.rawValue)
      #expect(entry.request == "0x" + String(ioctl.request(for: encoding).rawValue, radix: 16))
    }
  }

  @Test("The iommufd ioctls are listed on the iommufd, numbered from IOMMUFD_CMD_BASE as iommufd.h does")
  func iommufdIoctlsAreListed() throws {
    let command = try IoctlsCommand.parse(["--arch", "ppc64le", "--json"])
    let listing = try JSONDecoder().decode(Listing.self, from: Data(command.render().utf8))
    // <linux/iommufd.h>: IOMMUFD_CMD_IOAS_MAP = 0x85, IOMMUFD_CMD_BASE = 0x80.
    let map = try #require(listing.ioctls.first { $0.name == "IOMMU_IOAS_MAP" })
    #expect(map.fd == "iommufd")
    #expect(map.number == "IOMMUFD_CMD_BASE + 5")
    #expect(map.request == "0x" + String(IOMMUFDIoctl.ioasMap.request(for: .powerPCFamily).rawValue, radix: 16))
    #expect(listing.ioctls.filter { $0.fd == "iommufd" }.count == IOMMUFDIoctl.allCases.count)
    #expect(try IoctlsCommand.parse([]).render().contains("IOMMU_DESTROY"))
  }

  @Test("An unknown architecture is a usage error of the subcommand, naming the value")
  func unknownArchitectureIsRejected() throws {
    do {
      _ = try IoctlsCommand.parse(["--arch", "vax"])
      Issue.record("--arch vax parsed")
    } catch {
      let message = IoctlsCommand.fullMessage(for: error)
      #expect(message.contains("vax"))
      #expect(IoctlsCommand.exitCode(for: error) == .validationFailure)
    }
  }

  @Test("An unknown migration state is a usage error of `migration path`")
  func unknownStateIsRejected() throws {
    do {
      _ = try MigrationPathCommand.parse(["--from", "flying", "--to", "stop"])
      Issue.record("--from flying parsed")
    } catch {
      #expect(MigrationPathCommand.fullMessage(for: error).contains("flying"))
      #expect(MigrationPathCommand.exitCode(for: error) == .validationFailure)
    }
  }
}

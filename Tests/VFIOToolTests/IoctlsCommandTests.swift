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
    #expect(listing.ioctls.map(\.name) == VFIOIoctl.all.map(\.name))
    for (entry, ioctl) in zip(listing.ioctls, VFIOIoctl.all) {
      #expect(entry.fd == ioctl.fileKind.rawValue)
      #expect(entry.request == "0x" + String(ioctl.request(for: encoding).rawValue, radix: 16))
    }
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

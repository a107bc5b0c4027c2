import Foundation
import Testing
import VFIO
@testable import VFIOTool

@Suite("vfio ioctls")
struct IoctlsCommandTests {
  struct Listing: Decodable {
    struct Entry: Decodable { let name, fd, number, request: String }
    let encoding: String
    let ioctls: [Entry]
  }

  @Test(arguments: ["x86_64", "ppc64le", "mips", "hppa"])
  func jsonListsEveryIoctlWithItsRequestForTheArchitecture(_ arch: String) throws {
    let command = try IoctlsCommand.parse(["--arch", arch, "--json"])
    let listing = try JSONDecoder().decode(Listing.self, from: Data(try command.render().utf8))
    let encoding = try #require(IoctlEncoding(architecture: arch))
    #expect(listing.encoding == "\(encoding)")
    #expect(listing.ioctls.map(\.name) == VFIOIoctl.all.map(\.name))
    for (entry, ioctl) in zip(listing.ioctls, VFIOIoctl.all) {
      #expect(entry.fd == ioctl.fileKind.rawValue)
      #expect(entry.request == "0x" + String(ioctl.request(for: encoding).rawValue, radix: 16))
    }
  }

  @Test func unknownArchitectureIsRejected() throws {
    let command = try IoctlsCommand.parse(["--arch", "vax"])
    #expect(throws: (any Error).self) { try command.render() }
  }
}

import ArgumentParser
import FakeKernel
import SystemPackage
import Testing
import VFIO
@testable import VFIOTool

/// `vfio inspect` against a sysfs tree an attacker or a broken kernel shaped: it refuses what
/// it cannot trust, decides on bytes, and prints nothing from sysfs raw to the terminal.
@Suite("vfio inspect on hostile sysfs")
struct InspectHostileTests {
  static let notUTF8 = FakeSysfs.component([0xFF, 0xFE, 0x2E, 0x30])

  /// What `vfio inspect --sysfs-root <root> <target>` refuses with.
  static func refusal(_ sysfs: FakeSysfs, _ target: String) throws -> String {
    let command = try InspectCommand.parse(["--sysfs-root", sysfs.root.string, target])
    return try #require(throws: InspectRefusal.self) { try command.run() }.description
  }

  /// No byte that moves a terminal's cursor or starts an escape sequence.
  static func isInert(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
  }

  @Test("a name that climbs out of sysfs is not a device name, never 'not bound to any driver'", arguments: ["..", ".", "../../../../evil", "0000:01:00.0/.."])
  func namesThatClimb(_ name: String) throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice("0000:01:00.0", group: "7", driver: "vfio-pci")
    let message = try Self.refusal(sysfs, name)
    #expect(message.hasPrefix("not a device name: "))
    #expect(!message.contains("not bound to any driver"))
  }

  @Test("a group whose other member is not UTF-8 and bound to nvme is refused, as its UTF-8 twin is")
  func viabilityOnBytes() throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice("0000:00:1f.3", group: "9", driver: "vfio-pci")
    sysfs.addDevice(Self.notUTF8, group: "9", driver: "nvme")
    sysfs.addDevice("0000:00:1e.3", group: "10", driver: "vfio-pci")
    sysfs.addDevice("0000:00:1e.4", group: "10", driver: "nvme")
    #expect(
      try Self.refusal(sysfs, "0000:00:1f.3")
        == #"IOMMU group 9 not viable: devices \xFF\xFE.0 (bound to nvme); bind them to vfio-pci or unbind them"#)
    #expect(
      try Self.refusal(sysfs, "0000:00:1e.3")
        == "IOMMU group 10 not viable: devices 0000:00:1e.4 (bound to nvme); bind them to vfio-pci or unbind them")
    #expect(try Self.refusal(sysfs, "9").hasPrefix("IOMMU group 9 not viable"))
  }

  @Test("a driver name with a newline and ESC is printed escaped")
  func controlCharactersEscaped() throws {
    let sysfs = FakeSysfs()
    let driver = FakeSysfs.component(Array("nvme\n\u{1B}[31mvfio-pci".utf8))
    sysfs.addDevice("0000:01:00.0", group: "7", driver: driver)
    sysfs.addDevice("0000:02:00.0", group: "8", driver: "vfio-pci")
    sysfs.addDevice("0000:02:00.1", group: "8", driver: driver)
    let own = try Self.refusal(sysfs, "0000:01:00.0")
    #expect(own == #"0000:01:00.0 is not bound to vfio-pci (bound to nvme\u{A}\u{1B}[31mvfio-pci)"#)
    let other = try Self.refusal(sysfs, "0000:02:00.0")
    #expect(other.contains(#"0000:02:00.1 (bound to nvme\u{A}\u{1B}[31mvfio-pci)"#))
    #expect(Self.isInert(own) && Self.isInert(other))
  }

  @Test("terminal text: printable kept, controls and bytes that are not UTF-8 escaped", arguments: [
    ([UInt8]("0000:01:00.0".utf8), "0000:01:00.0"), ([0x61, 0x0A, 0x1B, 0x5C], #"a\u{A}\u{1B}\\"#),
    ([0xFF, 0x61, 0x0A], #"\xFFa\u{A}"#), (Array("é\u{202E}".utf8), #"é\u{202E}"#), ([0xC2, 0x9B], #"\u{9B}"#),
  ])
  func terminalText(_ bytes: [UInt8], _ shown: String) {
    #expect(TerminalText.escaped(bytes: bytes) == shown)
  }

  @Test("group links whose number is not canonical, or that leave sysfs, are refused", arguments: ["+7", "007", "-0"])
  func groupLinksNotBelieved(_ spelling: String) throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice("0000:01:00.0", group: FakeSysfs.component(Array(spelling.utf8)), driver: "vfio-pci")
    #expect(try Self.refusal(sysfs, "0000:01:00.0").hasSuffix("\"\(spelling)\" is not a group number"))
  }

  @Test("a group link that leaves sysfs is refused")
  func groupLinkOutside() throws {
    let sysfs = FakeSysfs()
    let outside = sysfs.base.appending("outside/7")
    FakeSysfs.makeDirectories(outside)
    sysfs.addDevice("0000:01:00.0", iommuGroupLink: outside)
    FakeSysfs.link(sysfs.deviceDirectory("0000:01:00.0").appending("driver"), to: "../../../bus/pci/drivers/vfio-pci")
    #expect(try Self.refusal(sysfs, "0000:01:00.0").hasSuffix("not to an IOMMU group"))
  }

  @Test("a group number is canonical decimal: 007, /dev/vfio/007 and noiommu-+7 name no group", arguments: ["007", "/dev/vfio/007", "/dev/vfio/noiommu-+7", "/dev/vfio/+7"])
  func groupTargets(_ target: String) throws {
    let sysfs = FakeSysfs()
    let command = try InspectCommand.parse(["--sysfs-root", sysfs.root.string, target])
    let error = try #require(throws: ValidationError.self) { try command.run() }
    #expect(error.message.hasPrefix("no group number in"))
  }

  @Test("IOVA page sizes below 1K print in bytes, not through a negative shift")
  func smallPageSizes() {
    #expect(InspectFormat.pageSizes(0x201) == "1B,512B")
    #expect(InspectFormat.pageSizes(0x4020_1000) == "4K,2M,1G")
  }

  @Test("--flags takes hex digits only after 0x", arguments: ["0x+1", "0x-0", "0x", "0x1g", "0x١"])
  func signedHexRefused(_ flags: String) throws {
    #expect(MigrationFlags(names: flags) == nil)
    #expect(throws: (any Error).self) {
      try MigrationPathCommand.parse(["--from", "running", "--to", "stop", "--flags", flags])
    }
  }

  @Test("hex flags and raw states still parse")
  func plainNumbersParse() throws {
    #expect(MigrationFlags(names: "0x1") == .stopCopy)
    #expect(MigrationFlags(names: "0X1,p2p") == [.stopCopy, .p2p])
    #expect(MigrationState(name: "1") == .stop)
    #expect(MigrationState(name: "+1") == nil)
    #expect(MigrationState(name: "unknown(-0)") == nil)
  }
}

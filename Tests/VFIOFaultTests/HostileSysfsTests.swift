import FakeKernel
import SystemPackage
import Testing
@testable import VFIO

/// sysfs as an attacker or a broken kernel would shape it: names that climb out of sysfs,
/// links that lead elsewhere, group numbers spelt twice, names that are not UTF-8.
@Suite("Hostile sysfs")
struct HostileSysfsTests {
  static let device: FilePath.Component = "0000:01:00.0"
  /// `\xFF\xFE`: not UTF-8.
  static let notUTF8 = FakeSysfs.component([0xFF, 0xFE, 0x2E, 0x30])

  static func sysfsReason(_ body: () throws(VFIOError) -> some Any) -> SysfsError? {
    do { _ = try body() } catch {
      if case .sysfs(let reason) = error.reason { return reason }
      Issue.record("not a sysfs refusal: \(error)")
      return nil
    }
    Issue.record("not refused")
    return nil
  }

  @Test("a device's group is read from its iommu_group link, through the bus's link as the kernel lays it out")
  func wellFormed() throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice(Self.device, group: "7", driver: "vfio-pci")
    #expect(try VFIOGroup.number(ofDevice: "0000:01:00.0", sysfs: sysfs.root) == IOMMUGroupNumber(rawValue: 7))
  }

  @Test(
    "a name that is not one path component is refused before anything is read",
    arguments: ["../../../../evil", "..", ".", "", "a/b", "/etc", "0000:01:00.0/..", "0000:01:00.0\0evil"])
  func namesThatClimb(_ name: String) throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice(Self.device, group: "7", driver: "vfio-pci")
    // What the name would reach, were it joined as a path: a directory outside sysfs with a group link.
    FakeSysfs.makeDirectories(sysfs.base.appending("evil"))
    FakeSysfs.link(sysfs.base.appending("evil/iommu_group"), to: sysfs.root.appending("kernel/iommu_groups/7"))
    #expect(Self.sysfsReason { () throws(VFIOError) in try VFIOGroup.number(ofDevice: name, sysfs: sysfs.root) } == .notAComponent(name))
    #expect(Self.sysfsReason { () throws(VFIOError) in try VFIODeviceLocation.mdev(name).groupNumber(in: SysfsTree(root: sysfs.root)) } == .notAComponent(name))
  }

  @Test("a group link whose number is not canonical decimal is refused", arguments: ["+7", "007", "-0", "00", "7x", " 7", "4294967296"])
  func groupNumbersSpeltTwice(_ spelling: String) throws {
    let sysfs = FakeSysfs()
    let group = try #require(FilePath.Component(spelling))
    sysfs.addDevice(Self.device, group: group, driver: "vfio-pci")
    #expect(Self.sysfsReason { () throws(VFIOError) in try VFIOGroup.number(ofDevice: "0000:01:00.0", sysfs: sysfs.root) } == .notAGroupNumber(group))
  }

  @Test("canonical decimal only", arguments: [
    ("0", UInt32?.some(0)), ("7", 7), ("4294967295", .max), ("+7", nil), ("007", nil), ("-0", nil), ("", nil),
    ("4294967296", nil), ("7 ", nil), ("٧", nil), ("0x7", nil),
  ])
  func canonicalGroupNumbers(_ text: String, _ value: UInt32?) {
    #expect(IOMMUGroupNumber(text)?.rawValue == value)
  }

  @Test("a group link that leads out of sysfs, or elsewhere in it, is not believed")
  func linksThatLeadElsewhere() throws {
    let sysfs = FakeSysfs()
    let outside = sysfs.base.appending("outside/kernel/iommu_groups/7")
    FakeSysfs.makeDirectories(outside)
    sysfs.addDevice("0000:01:00.0", iommuGroupLink: outside)
    FakeSysfs.makeDirectories(sysfs.root.appending("kernel/iommu_groups/8/devices"))
    sysfs.addDevice("0000:02:00.0", iommuGroupLink: "../../../kernel/iommu_groups/8/devices")
    let first = sysfs.deviceDirectory("0000:01:00.0").appending("iommu_group")
    #expect(Self.sysfsReason { () throws(VFIOError) in try VFIOGroup.number(ofDevice: "0000:01:00.0", sysfs: sysfs.root) } == .unexpectedLink(link: sysfs.root.appending("bus/pci/devices/0000:01:00.0/iommu_group"), target: outside))
    _ = first
    let deeper = Self.sysfsReason { () throws(VFIOError) in try VFIOGroup.number(ofDevice: "0000:02:00.0", sysfs: sysfs.root) }
    guard case .unexpectedLink = deeper else {
      Issue.record("expected an unexpected link, got \(String(describing: deeper))")
      return
    }
  }

  @Test("a device directory that is not UTF-8 is read by bytes: its group is found, its name is refused for GET_DEVICE_FD")
  func notUTF8DevicePath() throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice(Self.notUTF8, group: "7", driver: "vfio-pci")
    let location = VFIODeviceLocation.sysfs(sysfs.deviceDirectory(Self.notUTF8))
    let tree = SysfsTree(root: sysfs.root)
    #expect(try location.groupNumber(in: tree) == IOMMUGroupNumber(rawValue: 7))
    #expect(Self.sysfsReason { () throws(VFIOError) in try location.deviceName(in: tree) } == .nameNotUTF8(Self.notUTF8))
  }

  @Test("a device directory outside the root, relative, or with . or .. is refused")
  func directoriesOutsideTheRoot() throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice(Self.device, group: "7", driver: "vfio-pci")
    let tree = SysfsTree(root: sysfs.root)
    for path: FilePath in [
      sysfs.base.appending("evil"), sysfs.root.appending("bus/../../evil"), "bus/pci/devices/0000:01:00.0",
      sysfs.root.appending("./bus/pci/devices/0000:01:00.0"), sysfs.root,
    ] {
      #expect(Self.sysfsReason { () throws(VFIOError) in try VFIODeviceLocation.sysfs(path).groupNumber(in: tree) } == .outsideRoot(path))
    }
    #expect(Self.sysfsReason { () throws(VFIOError) in try VFIODeviceLocation.cdev("/dev/vfio/devices/..").deviceName(in: tree) } == .notAComponent("/dev/vfio/devices/.."))
  }

  @Test("viability is decided on bytes: a member that is not UTF-8 bound to nvme blocks, as its UTF-8 twin does")
  func viabilityOnBytes() throws {
    let sysfs = FakeSysfs()
    sysfs.addDevice("0000:00:1f.3", group: "9", driver: "vfio-pci")
    sysfs.addDevice(Self.notUTF8, group: "9", driver: "nvme")
    sysfs.addDevice("0000:00:1f.4", group: "10", driver: "vfio-pci")
    sysfs.addDevice("0000:00:1f.5", group: "10", driver: "nvme")
    let notUTF8Blockers = try VFIOGroup.viabilityBlockers(of: IOMMUGroupNumber(rawValue: 9), sysfs: sysfs.root)
    #expect(notUTF8Blockers == [GroupViabilityBlocker(device: Self.notUTF8, driver: "nvme")])
    let twinBlockers = try VFIOGroup.viabilityBlockers(of: IOMMUGroupNumber(rawValue: 10), sysfs: sysfs.root)
    #expect(twinBlockers == [GroupViabilityBlocker(device: "0000:00:1f.5", driver: "nvme")])
  }

  @Test("drivers that leave DMA to VFIO pass; any other, or one whose name is not UTF-8, blocks")
  func whichDriversBlock() throws {
    let sysfs = FakeSysfs()
    let vfioNotUTF8 = FakeSysfs.component(Array("vfio-pci".utf8) + [0xFF])
    for (index, driver) in ["vfio-pci", "mlx5_vfio_pci", "xe-vfio-pci", "pci-stub", "pcieport", "vfio-platform"].enumerated() {
      sysfs.addDevice(FakeSysfs.component(Array("0000:00:0\(index).0".utf8)), group: "3", driver: FilePath.Component(driver))
    }
    sysfs.addDevice("0000:00:0a.0", group: "3", driver: nil)
    sysfs.addDevice("0000:00:0b.0", group: "3", driver: vfioNotUTF8)
    sysfs.addDevice("0000:00:0c.0", group: "3", driver: "lpc_ich")
    #expect(
      try VFIOGroup.viabilityBlockers(of: IOMMUGroupNumber(rawValue: 3), sysfs: sysfs.root) == [
        GroupViabilityBlocker(device: "0000:00:0b.0", driver: vfioNotUTF8),
        GroupViabilityBlocker(device: "0000:00:0c.0", driver: "lpc_ich"),
      ])
    // A mediated device's group holds only itself, bound to its vendor's driver.
    sysfs.addDevice("83b8f4f2-509f-382f-3c1e-e6bfe0fa1001", group: "4", driver: "mtty", bus: "mdev", subsystem: "mdev")
    #expect(try VFIOGroup.viabilityBlockers(of: IOMMUGroupNumber(rawValue: 4), sysfs: sysfs.root).isEmpty)
  }

  @Test("the blocked-group error names device and driver, escaped: no newline or ESC reaches a terminal")
  func blockedGroupMessage() throws {
    let driver = FakeSysfs.component(Array("nvme\n\u{1B}[31mOK".utf8))
    let error = VFIOError(
      operation: "VFIO_GROUP_GET_STATUS", target: "group 9",
      reason: .groupBlocked(IOMMUGroupNumber(rawValue: 9), blockers: [GroupViabilityBlocker(device: "0000:00:1f.0", driver: driver)]))
    #expect(
      error.description
        == #"VFIO_GROUP_GET_STATUS on group 9: group 9 is not viable: "0000:00:1f.0" (bound to "nvme\n\u{1B}[31mOK"); bind them to vfio-pci or unbind them"#)
  }
}

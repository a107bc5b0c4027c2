import FakeKernel
import Synchronization
import SystemPackage
import Testing
@testable import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// A lying kernel hands back descriptor numbers the package must not own: each is refused with
/// a typed error naming the problem, and left open (stdout is not closed under the test).
@Suite("Descriptors the kernel hands back")
struct DescriptorAdoptionTests {
  /// The three places a kernel call returns a descriptor the package takes ownership of.
  enum Site: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case groupDevice, dmaBuf, migrationData

    var testDescription: String { rawValue }

    var kind: AdoptedFileKind {
      switch self {
      case .groupDevice: .vfioDevice
      case .dmaBuf: .dmaBuf
      case .migrationData: .migrationData
      }
    }

    /// Runs the call against a fake kernel whose answer is `fd()`; an adopted descriptor is
    /// closed by its new owner before this returns, by `close()` or, unless `closing`, by going
    /// out of scope.
    func handBack(closing: Bool = true, _ fd: @escaping @Sendable () -> CInt) throws(VFIOError) {
      switch self {
      case .groupDevice:
        let fake = FakeFile(script: [K.handsBack(K.group(.getDeviceFD), fd)])
        let group = try VFIOGroup(path: fake.path)
        let device = try group.device(named: "0000:01:00.0")
        if closing { try device.close() }
      case .dmaBuf:
        let fake = FakeFile(size: 0x10000, script: [K.handsBack(K.device(.feature), fd)])
        let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
        let buffer = try device.dmaBuf(region: .pciBAR0, ranges: [RegionDMARange(offset: 0, length: 4096)])
        if closing { try buffer.close() }
      case .migrationData:
        let fake = FakeFile(size: 0x10000, script: [K.openSession(state: MigrationState.stopCopy.rawValue, fd)])
        let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
        let file = try device.setMigrationState(.stopCopy)
        if closing, let file { try file.close() }
      }
    }

    /// The refusal `fd()` ends in, or nil when the call succeeded.
    func refusal(_ fd: @escaping @Sendable () -> CInt) throws -> DescriptorRefusal? {
      do { try handBack(fd) } catch {
        guard case .descriptorRefused(let refusal) = error.reason else {
          Issue.record("not a refusal: \(error)")
          return nil
        }
        return refusal
      }
      return nil
    }
  }

  static func isOpen(_ fd: CInt) -> Bool { fcntl(fd, F_GETFD) != -1 }

  @Test("0, 1 and 2 are standard streams: refused, and standard output and error stay open", arguments: Site.allCases)
  func standardStreams(_ site: Site) throws {
    for number: CInt in [0, 1, 2] {
      // Should the package close the stream after all, it is put back so the runner can report.
      let saved = dup(number)
      defer {
        if saved >= 0 {
          if !Self.isOpen(number) { dup2(saved, number) }
          close(saved)
        }
      }
      let wasOpen = Self.isOpen(number)
      let refusal = try site.refusal { number }
      #expect(refusal == DescriptorRefusal(descriptor: number, expected: site.kind, problem: .standardStream))
      #expect(Self.isOpen(number) == wasOpen, "descriptor \(number) was closed")
    }
    #expect(
      DescriptorRefusal(descriptor: 1, expected: .vfioDevice, problem: .standardStream).description
        == "descriptor 1 handed back for a VFIO device refused, left open: it is standard output")
  }

  @Test("a negative number and a number no descriptor has are refused", arguments: Site.allCases)
  func notDescriptors(_ site: Site) throws {
    #expect(try site.refusal { -5 } == DescriptorRefusal(descriptor: -5, expected: site.kind, problem: .negative))
    // Far above any descriptor limit: no test running beside this one can have it open.
    let unused: CInt = 0x7fff_fff0
    #expect(try site.refusal { unused } == DescriptorRefusal(descriptor: unused, expected: site.kind, problem: .notOpen))
  }

  @Test("a descriptor the package owns already is refused and its owner keeps it", arguments: Site.allCases)
  func alreadyOwned(_ site: Site) throws {
    let other = FakeFile()
    let owner = VFIODevice(unsafeAdopting: other.descriptor(), name: "owner")
    let number = owner.withUnsafeDescriptor { $0.fileDescriptor.rawValue }
    #expect(try site.refusal { number } == DescriptorRefusal(descriptor: number, expected: site.kind, problem: .alreadyOwned))
    #expect(Self.isOpen(number))
    // A migration data file the package owns counts too.
    let file = MigrationSavingFile(unsafeAdopting: FakeFile().descriptor())
    let fileNumber = file.fileDescriptor.rawValue
    #expect(
      try site.refusal { fileNumber } == DescriptorRefusal(descriptor: fileNumber, expected: site.kind, problem: .alreadyOwned))
    #expect(Self.isOpen(fileNumber))
  }

  @Test("a file of another kind is refused and left open, naming what /proc/self/fd reads", arguments: Site.allCases)
  func wrongKind(_ site: Site) throws {
    let plain = fake_memfd(0)
    defer { close(plain) }
    let refusal = try #require(try site.refusal { plain })
    guard case .unexpectedFile(let link) = refusal.problem else {
      Issue.record("expected an unexpected file, got \(refusal)")
      return
    }
    #expect(link.hasPrefix("/memfd:fake-kernel"))
    #expect(Self.isOpen(plain))
    for other in AdoptedFileKind.allKinds where other != site.kind {
      let named = fake_memfd(0, link: K.link(other))
      defer { close(named) }
      #expect(
        try site.refusal { named }
          == DescriptorRefusal(descriptor: named, expected: site.kind, problem: .unexpectedFile(link: K.link(other))))
    }
  }

  @Test(
    "a new file of the right kind is adopted, and forgotten once closed or dropped",
    arguments: Site.allCases, [true, false])
  func rightKind(_ site: Site, closing: Bool) throws {
    let adopted = Mutex<(number: CInt, file: FileIdentity?)>((-1, nil))
    try site.handBack(closing: closing) {
      let fd = fake_memfd(0, link: K.link(site.kind))
      adopted.withLock { $0 = (fd, FileIdentity(fd)) }
      return fd
    }
    let (number, file) = adopted.withLock { $0 }
    #expect(number > 2)
    #expect(file != nil)
    // Closed by its owner, the number is the kernel's to hand out again — and a test running beside
    // this one may be handed it and adopt it at once. Still registered is right only while the number
    // names another file; a closed number, or this file, still registered is the bug.
    func registeredForAnotherFile() -> Bool {
      guard OwnedDescriptorNumbers.contains(number) else { return false }
      guard let now = FileIdentity(number) else { return false }
      return now != file
    }
    var stillOwned = OwnedDescriptorNumbers.contains(number)
    for _ in 0..<200 where stillOwned {
      usleep(1_000)
      stillOwned = OwnedDescriptorNumbers.contains(number)
    }
    #expect(!stillOwned || registeredForAnotherFile())
  }

  @Test("the kinds read as the kernel's pseudo filesystems name their files")
  func kindsMatchTheKernelsNames() {
    #expect(AdoptedFileKind.vfioDevice.matches(link: "anon_inode:[vfio-device]"))
    #expect(!AdoptedFileKind.vfioDevice.matches(link: "anon_inode:[vfio-device] "))
    #expect(!AdoptedFileKind.vfioDevice.matches(link: "/dev/vfio/7"))
    for driver in ["mlx5vf_mig", "hisi_acc_vf_mig", "pds_vfio_lm", "qat_vf_mig", "mtty_mig"] {
      #expect(AdoptedFileKind.migrationData.matches(link: "anon_inode:" + driver))
    }
    #expect(!AdoptedFileKind.migrationData.matches(link: "anon_inode:"))
    #expect(!AdoptedFileKind.migrationData.matches(link: "anon_inode:[vfio-device]"))
    #expect(!AdoptedFileKind.migrationData.matches(link: "anon_inode:[eventfd]"))
    #expect(!AdoptedFileKind.migrationData.matches(link: "anon_inode:kvm-vcpu:0"))
    #expect(!AdoptedFileKind.migrationData.matches(link: "anon_inode:inotify"))
    #expect(!AdoptedFileKind.migrationData.matches(link: "pipe:[1234]"))
    #expect(AdoptedFileKind.dmaBuf.matches(link: "/dmabuf:"))
    #expect(AdoptedFileKind.dmaBuf.matches(link: "/dmabuf:framebuffer"))
    #expect(!AdoptedFileKind.dmaBuf.matches(link: "anon_inode:dmabuf"))
    #expect(AdoptedFileKind.kvmVFIODevice.matches(link: "anon_inode:kvm-vfio"))
    #expect(!AdoptedFileKind.kvmVFIODevice.matches(link: "anon_inode:kvm-vm"))
  }
}

extension AdoptedFileKind {
  static let allKinds: [AdoptedFileKind] = [.vfioDevice, .migrationData, .dmaBuf, .kvmVFIODevice]
}


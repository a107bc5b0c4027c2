import CVFIO
import FakeKernel
import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

/// Request numbers and kernel answers the scenarios script.
enum K {
  static func device(_ ioctl: DeviceIoctl) -> UInt { ioctl.requestNumber }
  static func container(_ ioctl: ContainerIoctl) -> UInt { ioctl.requestNumber }
  static func group(_ ioctl: GroupIoctl) -> UInt { ioctl.requestNumber }
  static func iommufd(_ ioctl: IOMMUFDIoctl) -> UInt { ioctl.requestNumber }
  static func data(_ ioctl: MigrationDataIoctl) -> UInt { ioctl.requestNumber }

  static func text(_ ranges: [ClosedRange<UInt64>]) -> String {
    "[" + ranges.map { "\($0.lowerBound)...\($0.upperBound)" }.joined(separator: ", ") + "]"
  }

  static func le<T: FixedWidthInteger & BitwiseCopyable>(_ value: T) -> [UInt8] { FakeBytes.of(value.littleEndian) }

  /// `vfio_device_info` with `argsz` as reported.
  static func deviceInfo(regions: UInt32, irqs: UInt32, argsz: UInt32? = nil, flags: UInt32 = 2, capOffset: UInt32 = 0)
    -> [UInt8]
  {
    FakeBytes.of(vfio_device_info.self) {
      $0.argsz = argsz ?? UInt32(MemoryLayout<vfio_device_info>.size)
      $0.flags = flags
      $0.num_regions = regions
      $0.num_irqs = irqs
      $0.cap_offset = capOffset
    }
  }

  static func regionInfo(
    index: UInt32, size: UInt64 = 4096, offset: UInt64 = 0, argsz: UInt32? = nil, flags: UInt32 = 7, capOffset: UInt32 = 0
  ) -> [UInt8] {
    FakeBytes.of(vfio_region_info.self) {
      $0.argsz = argsz ?? UInt32(MemoryLayout<vfio_region_info>.size)
      $0.flags = flags
      $0.index = index
      $0.size = size
      $0.offset = offset
      $0.cap_offset = capOffset
    }
  }

  static func irqInfo(index: UInt32, count: UInt32, flags: UInt32 = 1) -> [UInt8] {
    FakeBytes.of(vfio_irq_info.self) {
      $0.argsz = UInt32(MemoryLayout<vfio_irq_info>.size)
      $0.flags = flags
      $0.index = index
      $0.count = count
    }
  }

  static func iommuInfo(argsz: UInt32? = nil, capOffset: UInt32 = 0) -> [UInt8] {
    FakeBytes.of(vfio_iommu_type1_info.self) {
      $0.argsz = argsz ?? UInt32(MemoryLayout<vfio_iommu_type1_info>.size)
      $0.flags = capOffset == 0 ? 1 : 3
      $0.iova_pgsizes = 0x1000
      $0.cap_offset = capOffset
    }
  }

  /// A capability header `{id, version, next}` pointing `next` at `next`.
  static func capabilityHeader(id: UInt16, version: UInt16 = 1, next: UInt32) -> [UInt8] {
    le(id) + le(version) + le(next)
  }

  static var featurePayload: Int { ArgumentOffsets.featurePayload }

  /// A `VFIO_DEVICE_FEATURE` answer writing `payload` after the header.
  static func feature(_ payload: [UInt8] = [], result: Int = 0) -> Step {
    .ioctl(device(.feature), result: result, fill: payload, at: featurePayload)
  }

  /// The state a `MIG_DEVICE_STATE` GET answers, or a SET's data fd.
  static func migrationState(_ state: UInt32, dataFD: Int32 = -1) -> [UInt8] { le(state) + le(dataFD) }

  /// What `/proc/self/fd/N` of each kind of descriptor the kernel hands back reads, from the
  /// kernel's source (linux-source-6.12): `anon_inode_getfile("[vfio-device]", …)` in
  /// drivers/vfio/group.c, the mtty sample's `anon_inode_getfile("mtty_mig", …)`, and
  /// dma-buf's `dmabuffs_dname` (`/dmabuf:` and an unset name).
  static func link(_ kind: AdoptedFileKind) -> String {
    switch kind {
    case .vfioDevice: "anon_inode:[vfio-device]"
    case .migrationData: "anon_inode:mtty_mig"
    case .dmaBuf: "/dmabuf:"
    case .kvmVFIODevice: "anon_inode:kvm-vfio"
    }
  }

  /// A step answering with a new descriptor of `kind` (the kernel's answer to GET_DEVICE_FD, a
  /// dma-buf): a memfd named as the kernel names such a file, for the caller to own.
  static func newDescriptor(_ request: UInt, _ kind: AdoptedFileKind) -> Step {
    .ioctl(request) { _ in .result(Int(fake_memfd(0, link: link(kind)))) }
  }

  /// A step answering with descriptor `fd`, whatever it is.
  static func handsBack(_ request: UInt, _ fd: @escaping @Sendable () -> CInt) -> Step {
    .ioctl(request) { _ in .result(Int(fd())) }
  }

  /// A `MIG_DEVICE_STATE` SET that opens a session: a memfd named as a migration data file.
  static func openSession(state: UInt32) -> Step {
    openSession(state: state) { fake_memfd(0, link: link(.migrationData)) }
  }

  /// A `MIG_DEVICE_STATE` SET whose answer's data fd is `fd()`.
  static func openSession(state: UInt32, _ fd: @escaping @Sendable () -> CInt) -> Step {
    .ioctl(device(.feature)) { call in
      call.fill(migrationState(state, dataFD: fd()), at: featurePayload)
      return .result(0)
    }
  }

  /// Writes `bytes` where the argument's 64-bit pointer at `pointerOffset` points, at most `limit`.
  static func throughPointer(_ request: UInt, at pointerOffset: Int, limit: Int, _ bytes: [UInt8], result: Int = 0)
    -> Step
  {
    .ioctl(request) { call in
      if let address = call.load(UInt64.self, at: pointerOffset) {
        FakeCall.fill(bytes, atAddress: address, limit: limit)
      }
      return .result(result)
    }
  }
}

extension Scenario {
  /// A scenario on one fake file of `size` bytes, which `open` turns into the object `body` calls.
  static func on<Object: ~Copyable>(
    _ call: String, size: Int = 0, _ baseline: [Step], expected: String, lies: [Lie] = [], absorbsErrors: Bool = false,
    open: @escaping @Sendable (FakeFile) throws -> Object, _ body: @escaping @Sendable (borrowing Object) throws -> String
  ) -> Scenario {
    Scenario(call: call, baseline: baseline, expected: expected, run: { script in
      let fake = FakeFile(size: size, script: script)
      return (Outcome.of { try body(try open(fake)) }, [fake])
    }, lies: lies, absorbsErrors: absorbsErrors)
  }

  static func device(
    _ call: String, size: Int = 0x10000, _ baseline: [Step], expected: String, lies: [Lie] = [],
    absorbsErrors: Bool = false, _ body: @escaping @Sendable (borrowing VFIODevice) throws -> String
  ) -> Scenario {
    on(call, size: size, baseline, expected: expected, lies: lies, absorbsErrors: absorbsErrors,
      open: { VFIODevice(unsafeAdopting: $0.descriptor(), name: "fake") }, body)
  }

  static func container(
    _ call: String, _ baseline: [Step], expected: String, lies: [Lie] = [],
    _ body: @escaping @Sendable (borrowing VFIOContainer) throws -> String
  ) -> Scenario {
    on(call, baseline, expected: expected, lies: lies, open: { VFIOContainer(unsafeAdopting: $0.descriptor()) }, body)
  }

  static func group(
    _ call: String, _ baseline: [Step], expected: String, lies: [Lie] = [],
    _ body: @escaping @Sendable (borrowing VFIOGroup) throws -> String
  ) -> Scenario {
    on(call, baseline, expected: expected, lies: lies, open: { try VFIOGroup(path: $0.path) }, body)
  }

  static func iommufd(
    _ call: String, _ baseline: [Step], expected: String, lies: [Lie] = [],
    _ body: @escaping @Sendable (borrowing IOMMUFD) throws -> String
  ) -> Scenario {
    on(call, baseline, expected: expected, lies: lies, open: { try IOMMUFD(path: $0.path) }, body)
  }

  static func savingFile(
    _ call: String, _ baseline: [Step], expected: String, lies: [Lie] = [],
    _ body: @escaping @Sendable (borrowing MigrationSavingFile) throws -> String
  ) -> Scenario {
    on(call, baseline, expected: expected, lies: lies, open: { MigrationSavingFile(unsafeAdopting: $0.descriptor()) }, body)
  }

  static func resumingFile(
    _ call: String, _ baseline: [Step], expected: String, lies: [Lie] = [],
    _ body: @escaping @Sendable (borrowing MigrationResumingFile) throws -> String
  ) -> Scenario {
    on(call, baseline, expected: expected, lies: lies, open: { MigrationResumingFile(unsafeAdopting: $0.descriptor()) }, body)
  }
}

extension Scenario.Lie {
  /// A lie that must end in a typed error whose description contains `text` (any typed error for "").
  static func fails(_ name: String, _ script: [Step], saying text: String) -> Self {
    Self(name: name, script: script) { outcome in
      if case .failure(let description, _) = outcome {
        return !description.hasPrefix("untyped") && (text.isEmpty || description.contains(text))
      }
      return false
    }
  }

  /// A lie the call must survive with this result.
  static func succeeds(_ name: String, _ script: [Step], with value: String) -> Self {
    Self(name: name, script: script) { $0 == .success(value) }
  }

  /// A lie that must end in a typed error or a result, never a trap, a spin or an untyped error.
  static func ends(_ name: String, _ script: [Step]) -> Self {
    Self(name: name, script: script) { outcome in
      if case .failure(let description, _) = outcome { return !description.hasPrefix("untyped") }
      return true
    }
  }
}

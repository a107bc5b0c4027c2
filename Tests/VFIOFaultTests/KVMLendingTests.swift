import FakeKernel
import Foundation
import SystemPackage
import Testing
import VFIO

/// Lending a device to KVM, against a fake VM and KVM-VFIO device.
@Suite("KVM-VFIO lending")
struct KVMLendingTests {
  /// What a KVM_SET_DEVICE_ATTR carried: the attribute and what `/proc/self/fd` says of the fd it pointed at.
  struct Attribute: Equatable {
    let group: UInt32
    let attribute: UInt64
    let file: String
  }

  /// A fake KVM-VFIO device recording every attribute set on it.
  static func fakeKVM(_ seen: FakeLock<[Attribute]>) -> FakeFile {
    FakeFile(then: Step(.ioctl) { call in
      // KVM's arguments carry no argsz: read `struct kvm_device_attr` as it is.
      guard let argument = call.buffer,
        let pointer = UnsafeRawPointer(bitPattern: UInt(argument.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
      else { return .failure(.invalidArgument) }
      let group = argument.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
      let attribute = argument.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      let fd = pointer.loadUnaligned(as: Int32.self)
      let file = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "closed"
      seen.withLock { $0.append(Attribute(group: group, attribute: attribute, file: file)) }
      return .result(0)
    })
  }

  static func link(_ fd: CInt) -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "closed"
  }

  @Test("a device opened through its group lends the group, and takes it back when it closes")
  func groupDevice() throws {
    let seen = FakeLock<[Attribute]>([])
    let kvmFile = Self.fakeKVM(seen)
    let groupFile = FakeFile(script: [K.newDescriptor(K.group(.getDeviceFD), .vfioDevice)])
    let group = try VFIOGroup(path: groupFile.path)
    let groupLink = group.withUnsafeDescriptor { Self.link($0.fileDescriptor.rawValue) }
    let kvm = KVMVFIODevice(unsafeAdopting: kvmFile.descriptor())
    do {
      let device = try group.device(named: "0000:01:00.0")
      try device.lend(to: kvm)
      #expect(seen.withLock { $0 } == [Attribute(group: 1, attribute: 1, file: groupLink)])
    }
    #expect(seen.withLock { $0 } == [
      Attribute(group: 1, attribute: 1, file: groupLink), Attribute(group: 1, attribute: 2, file: groupLink),
    ])
  }

  @Test("a cdev lends itself; a refusal is a typed error and nothing is taken back later")
  func cdevDevice() throws {
    let seen = FakeLock<[Attribute]>([])
    let kvmFile = Self.fakeKVM(seen)
    let deviceFile = FakeFile()
    let kvm = KVMVFIODevice(unsafeAdopting: kvmFile.descriptor())
    do {
      let device = try VFIODevice(cdev: deviceFile.path)
      let deviceLink = device.withUnsafeDescriptor { Self.link($0.fileDescriptor.rawValue) }
      try device.lend(to: kvm)
      #expect(seen.withLock { $0 } == [Attribute(group: 1, attribute: 1, file: deviceLink)])
    }
    #expect(seen.withLock { $0.map(\.attribute) } == [1, 2])

    let refusingFile = FakeFile(script: [.fail(.badFileDescriptor)])
    let refusing = KVMVFIODevice(unsafeAdopting: refusingFile.descriptor())
    let device = try VFIODevice(cdev: deviceFile.path)
    let error = try #require(throws: VFIOError.self) { try device.lend(to: refusing) }
    #expect(error.operation == "KVM_SET_DEVICE_ATTR(KVM_DEV_VFIO_FILE_ADD)")
    #expect(error.errno == .badFileDescriptor)
  }

  @Test("KVM_CREATE_DEVICE asks for a VFIO device and adopts the descriptor KVM returns")
  func create() throws {
    let created = fake_memfd(0, link: K.link(.kvmVFIODevice))
    let vm = FakeFile(script: [.ioctl(nil) { call in
      // `struct kvm_create_device` has no argsz: type at 0, fd at 4.
      guard let argument = call.buffer, argument.loadUnaligned(as: UInt32.self) == 4 else { return .failure(.invalidArgument) }
      argument.storeBytes(of: UInt32(created), toByteOffset: 4, as: UInt32.self)
      return .result(0)
    }])
    let vmDescriptor = vm.descriptor()
    defer { try? vmDescriptor.close() }
    let kvm = try KVMVFIODevice(vm: vmDescriptor)
    #expect(kvm.fileDescriptor.rawValue == created)
    let failing = FakeFile(script: [.fail(.permissionDenied)])
    let failingDescriptor = failing.descriptor()
    defer { try? failingDescriptor.close() }
    let error = try #require(throws: VFIOError.self) { _ = try KVMVFIODevice(vm: failingDescriptor) }
    #expect(error.errno == .permissionDenied)
  }
}

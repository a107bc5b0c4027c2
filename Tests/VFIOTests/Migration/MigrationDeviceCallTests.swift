import CVFIO
import Glibc
import SystemPackage
import Testing

@testable import VFIO

@Suite("v2 device calls: feature argument layout, data fd ownership")
struct MigrationDeviceCallTests {
  @Test("The payload starts at C's offsetof(data), which is sizeof(struct vfio_device_feature)")
  func payloadOffset() throws {
    let offset = FixedFeatureArgument<vfio_device_feature_migration>.payloadOffset
    #expect(UInt64(offset) == (try oracle("offsetof(struct vfio_device_feature, data)")))
    #expect(UInt64(offset) == (try oracle("sizeof(struct vfio_device_feature)")))
  }

  @Test("argsz is the header plus each payload, as C computes them")
  func argsz() throws {
    let header = try oracle("sizeof(struct vfio_device_feature)")
    #expect(UInt64(FixedFeatureArgument<vfio_device_feature_migration>.argsz)
      == header + (try oracle("sizeof(struct vfio_device_feature_migration)")))
    #expect(UInt64(FixedFeatureArgument<vfio_device_feature_mig_state>.argsz)
      == header + (try oracle("sizeof(struct vfio_device_feature_mig_state)")))
    #expect(UInt64(FixedFeatureArgument<vfio_device_feature_mig_data_size>.argsz)
      == header + (try oracle("sizeof(struct vfio_device_feature_mig_data_size)")))
  }

  @Test("The header's flags are GET or SET ORed with the feature index, as in C")
  func flags() throws {
    let get = try oracle("VFIO_DEVICE_FEATURE_GET")
    let set = try oracle("VFIO_DEVICE_FEATURE_SET")
    let state = try oracle("VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE")
    let migration = try oracle("VFIO_DEVICE_FEATURE_MIGRATION")
    let dataSize = try oracle("VFIO_DEVICE_FEATURE_MIG_DATA_SIZE")
    func flags<Payload>(_ argument: FixedFeatureArgument<Payload>) -> UInt64 { UInt64(argument.header.rawValue.flags) }
    #expect(flags(FixedFeatureArgument(.migrationDeviceState, .get, payload: vfio_device_feature_mig_state())) == get | state)
    #expect(flags(FixedFeatureArgument(.migrationDeviceState, .set, payload: vfio_device_feature_mig_state())) == set | state)
    #expect(flags(FixedFeatureArgument(.migration, .get, payload: vfio_device_feature_migration())) == get | migration)
    #expect(flags(FixedFeatureArgument(.migrationDataSize, .get, payload: vfio_device_feature_mig_data_size())) == get | dataSize)
  }

  @Test("The SET MIG_DEVICE_STATE buffer holds argsz, flags and the state at C's offsets")
  func setStateBuffer() throws {
    let flags = UInt32(try oracle("VFIO_DEVICE_FEATURE_SET") | oracle("VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE"))
    var argument = FixedFeatureArgument(
      .migrationDeviceState, .set,
      payload: vfio_device_feature_mig_state(device_state: MigrationState.stopCopy.rawValue, data_fd: -1))
    let data = try oracle("offsetof(struct vfio_device_feature, data)")
    let argszAt = Int(try oracle("offsetof(struct vfio_device_feature, argsz)"))
    let flagsAt = Int(try oracle("offsetof(struct vfio_device_feature, flags)"))
    let stateAt = Int(data + (try oracle("offsetof(struct vfio_device_feature_mig_state, device_state)")))
    let fdAt = Int(data + (try oracle("offsetof(struct vfio_device_feature_mig_state, data_fd)")))
    let expectedSize = Int(data + (try oracle("sizeof(struct vfio_device_feature_mig_state)")))
    argument.withUnsafeArgument { buffer in
      #expect(buffer.count == expectedSize)
      #expect(Int(bitPattern: buffer.baseAddress) % 8 == 0)
      #expect(buffer.load(fromByteOffset: argszAt, as: UInt32.self) == UInt32(expectedSize))
      #expect(buffer.load(fromByteOffset: flagsAt, as: UInt32.self) == flags)
      #expect(buffer.load(fromByteOffset: stateAt, as: UInt32.self) == MigrationState.stopCopy.rawValue)
      #expect(buffer.load(fromByteOffset: fdAt, as: Int32.self) == -1)
      // The kernel answers in place; the answer must come back out.
      buffer.storeBytes(of: 7, toByteOffset: fdAt, as: Int32.self)
    }
    #expect(argument.payload.data_fd == 7)
  }

  @Test("Payload structs have C's sizes")
  func payloadSizes() throws {
    #expect(UInt64(MemoryLayout<vfio_device_feature_migration>.size) == (try oracle("sizeof(struct vfio_device_feature_migration)")))
    #expect(UInt64(MemoryLayout<vfio_device_feature_mig_state>.size) == (try oracle("sizeof(struct vfio_device_feature_mig_state)")))
    #expect(UInt64(MemoryLayout<vfio_device_feature_mig_data_size>.size) == (try oracle("sizeof(struct vfio_device_feature_mig_data_size)")))
    #expect(UInt64(MemoryLayout<vfio_precopy_info>.size) == (try oracle("sizeof(struct vfio_precopy_info)")))
    #expect(UInt64(MemoryLayout<vfio_precopy_info>.offset(of: \.initial_bytes) ?? -1)
      == (try oracle("offsetof(struct vfio_precopy_info, initial_bytes)")))
    #expect(UInt64(MemoryLayout<vfio_precopy_info>.offset(of: \.dirty_bytes) ?? -1)
      == (try oracle("offsetof(struct vfio_precopy_info, dirty_bytes)")))
  }

  /// Close-on-exec: other tests spawn compilers concurrently, and a child holding an inherited
  /// read end would keep a write from reporting the broken pipe these tests expect.
  static func pipe() throws -> (read: FileDescriptor, write: FileDescriptor) {
    // Glibc's module does not export pipe2; the window between pipe and fcntl is a few instructions.
    let ends = try FileDescriptor.pipe()
    for end in [ends.readEnd, ends.writeEnd] where fcntl(end.rawValue, F_SETFD, FD_CLOEXEC) != 0 {
      throw Errno(rawValue: errno)
    }
    return (ends.readEnd, ends.writeEnd)
  }

  /// The pipe's inode, to tell later whether a descriptor number still refers to it.
  static func inode(_ fd: FileDescriptor) throws -> ino_t {
    var status = stat()
    guard fstat(fd.rawValue, &status) == 0 else { throw Errno(rawValue: errno) }
    return status.st_ino
  }

  /// Whether this process no longer holds `fd` as the pipe `inode`: closed, or the number reused
  /// by another test's open. (A broken pipe or an end of stream would also depend on every other
  /// process: a child another test is spawning holds the ends until its exec.)
  static func released(_ fd: FileDescriptor, inode: ino_t) -> Bool {
    var status = stat()
    return fstat(fd.rawValue, &status) != 0 ? errno == EBADF : status.st_ino != inode
  }

  @Test("Unknown and ERROR states are refused before the kernel is asked")
  func refusedStates() throws {
    // A pipe is not a device: anything that reached ioctl(2) would fail with ENOTTY instead.
    let ends = try Self.pipe()
    defer { try? ends.read.close(); try? ends.write.close() }
    let device = DeviceDescriptor(ends.read)
    #expect(throws: MigrationDeviceError.transition(.unknownState(MigrationState(rawValue: 8)))) {
      _ = try device.setMigrationState(MigrationState(rawValue: 8))
    }
    #expect(throws: MigrationDeviceError.transition(.errorIsNotATarget)) {
      _ = try device.setMigrationState(.error)
    }
    #expect(throws: MigrationDeviceError.system(.inappropriateIOCTLForDevice)) { _ = try device.setMigrationState(.stop) }
    #expect(throws: Errno.inappropriateIOCTLForDevice) { try device.migrationFlags() }
    #expect(throws: Errno.inappropriateIOCTLForDevice) { try device.migrationState() }
    #expect(throws: Errno.inappropriateIOCTLForDevice) { try device.stopCopyDataSize() }
  }

  @Test("The data file reads, writes, and closes exactly once")
  func dataFileOwnership() throws {
    signal(SIGPIPE, SIG_IGN)
    let ends = try Self.pipe()
    defer { try? ends.write.close() }
    let pipeInode = try Self.inode(ends.read)
    let file = MigrationSavingFile(unsafeAdopting: ends.read)
    _ = try [UInt8]([1, 2, 3]).withUnsafeBytes { try ends.write.write($0) }
    // A closure would capture (consume) the file; read into a buffer owned here instead.
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 1)
    defer { buffer.deallocate() }
    let count = try file.read(into: buffer)
    #expect(Array(buffer[..<count]) == [1, 2, 3])
    let refused = try #require(throws: VFIOError.self) { try file.precopyInfo() }
    #expect(refused.errno == .inappropriateIOCTLForDevice && refused.operation == "VFIO_MIG_GET_PRECOPY_INFO")
    try file.close()
    #expect(Self.released(ends.read, inode: pipeInode))
  }

  @Test("Dropping the data file closes it")
  func dataFileDeinit() throws {
    signal(SIGPIPE, SIG_IGN)
    let ends = try Self.pipe()
    defer { try? ends.read.close() }
    let pipeInode = try Self.inode(ends.write)
    do {
      let file = MigrationResumingFile(unsafeAdopting: ends.write)
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
      defer { buffer.deallocate() }
      buffer[0] = 9
      #expect(try file.write(UnsafeRawBufferPointer(buffer)) == 1)
    }
    #expect(Self.released(ends.write, inode: pipeInode))
    var bytes = [UInt8](repeating: 0, count: 4)
    #expect(try bytes.withUnsafeMutableBytes { try ends.read.read(into: $0) } == 1)
  }
}

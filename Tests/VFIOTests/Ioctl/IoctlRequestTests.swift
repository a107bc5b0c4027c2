import Testing
import VFIO

@Suite("Bad ioctl fields are typed errors")
struct IoctlRequestErrorTests {
  @Test(arguments: IoctlEncoding.allCases)
  func sizeTooLargeForTheSizeField(_ encoding: IoctlEncoding) {
    let size = encoding.maximumSize + 1
    #expect(throws: IoctlRequestError.sizeOutOfRange(size: size, maximum: encoding.maximumSize, encoding: encoding)) {
      try IoctlRequest(encoding: encoding, direction: .read, type: 0x3b, number: 1, size: size)
    }
    #expect(throws: IoctlRequestError.sizeOutOfRange(size: -1, maximum: encoding.maximumSize, encoding: encoding)) {
      try IoctlRequest(encoding: encoding, direction: .read, type: 0x3b, number: 1, size: -1)
    }
  }

  @Test(arguments: [256, -1, Int.max])
  func typeAbove255(_ type: Int) {
    #expect(throws: IoctlRequestError.typeOutOfRange(type)) {
      try IoctlRequest(direction: [], type: type, number: 0)
    }
  }

  @Test(arguments: [256, -1, Int.min])
  func numberAbove255(_ number: Int) {
    #expect(throws: IoctlRequestError.numberOutOfRange(number)) {
      try IoctlRequest(direction: [], type: 0x3b, number: number)
    }
  }

  @Test func messagesNameTheLimit() {
    let error = IoctlRequestError.sizeOutOfRange(size: 8192, maximum: 8191, encoding: .powerPCFamily)
    #expect("\(error)" == "ioctl argument size 8192 does not fit the 13-bit size field of the powerPCFamily encoding (0...8191)")
  }

  @Test func requestWiderThan32Bits() {
    #expect(throws: IoctlRequestError.wideRequest(0x1_0000_3b64)) {
      try IoctlRequest(decoding: 0x1_0000_3b64, encoding: .generic)
    }
  }

  /// powerpc's 3 direction bits have values no _IOC produces (0, 3, 5, 7).
  @Test(arguments: [0, 3, 5, 7] as [UInt])
  func directionBitsPowerPCNeverProduces(_ field: UInt) {
    let raw = field << 29 | 0x3b64
    #expect(throws: IoctlRequestError.invalidDirection(field: UInt32(field), request: UInt32(raw), encoding: .powerPCFamily)) {
      try IoctlRequest(decoding: raw, encoding: .powerPCFamily)
    }
  }

  @Test func unknownVFIORequest() {
    // A valid _IO(';', 99) — one below VFIO_BASE, so no VFIO ioctl.
    #expect(throws: IoctlRequestError.unknownRequest(0x3b63, encoding: .generic)) {
      try VFIOIoctl.identify(0x3b63, encoding: .generic)
    }
  }

  @Test func sameNumberDifferentDescriptorKinds() throws {
    let matches = try VFIOIoctl.identify(UInt(DeviceIoctl.feature.request(for: .generic).rawValue), encoding: .generic)
    #expect(Set(matches.map(\.name)) == ["VFIO_DEVICE_FEATURE", "VFIO_IOMMU_DIRTY_PAGES", "VFIO_IOMMU_SPAPR_REGISTER_MEMORY"])
    #expect(DeviceIoctl(request: UInt(DeviceIoctl.feature.requestNumber)) == .feature)
    #expect(ContainerIoctl(request: UInt(DeviceIoctl.feature.requestNumber)) == .iommuDirtyPages)
  }
}

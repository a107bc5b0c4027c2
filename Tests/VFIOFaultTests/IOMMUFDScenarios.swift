import CVFIO
import FakeKernel
import SystemPackage
import VFIO

/// Hardware page tables, dirty tracking, hardware info, options, and the IOAS calls of Linux
/// 6.x: each against a kernel that answers well, lies, or lacks the request (ENOTTY).
enum IOMMUFDScenarios {
  static var all: [Scenario] {
    [
      allocateHWPT, hwptDirtyTracking, hardwareInfo, accountingMode, setAccountingMode,
      ioasMapFile, ioasCopy, ioasAllowIOVAs, ioasHugePages,
    ]
  }

  /// ENOTTY for `request`: the kernel lacks it.
  static func lacks(_ request: IOMMUFDIoctl) -> Step { .ioctl(K.iommufd(request)) { _ in .failure(.inappropriateIOCTLForDevice) } }

  static var allocateHWPT: Scenario {
    .iommufd(
      "IOMMUFD.allocateHWPT",
      [
        .ioctl(K.iommufd(.hwptAlloc)) { call in
          // Only a dirty-tracking page table for device 3 over IOAS 5, with no data, is answered.
          guard call.load(UInt32.self, at: 4) == HWPTAllocFlags.dirtyTracking.rawValue,
            call.load(UInt32.self, at: 8) == 3, call.load(UInt32.self, at: 12) == 5,
            call.load(UInt32.self, at: 24) == 0, call.load(UInt64.self, at: 32) == 0
          else { return .failure(.invalidArgument) }
          call.fill(K.le(UInt32(7)), at: 16)
          return .result(0)
        }
      ],
      expected: "7",
      lies: [
        .fails("ENOTTY: a kernel before 6.6", [lacks(.hwptAlloc)], saying: "not supported by this kernel ("),
        .fails(
          "EOPNOTSUPP: an IOMMU without dirty tracking",
          [.ioctl(K.iommufd(.hwptAlloc)) { _ in .failure(.notSupported) }], saying: "not supported by this kernel or its IOMMU"),
      ]
    ) {
      "\(try $0.allocateHWPT(device: IOMMUFDDeviceID(rawValue: 3), pageTable: IOASID(rawValue: 5), flags: .dirtyTracking).rawValue)"
    }
  }

  static var hwptDirtyTracking: Scenario {
    let allocate = Step.ioctl(K.iommufd(.hwptAlloc), fill: K.le(UInt32(7)), at: 16)
    let enable = Step.ioctl(K.iommufd(.hwptSetDirtyTracking)) { call in
      call.load(UInt32.self, at: 4) == 1 && call.load(UInt32.self, at: 8) == 7 ? .result(0) : .failure(.invalidArgument)
    }
    func bitmap(_ word: UInt64) -> Step {
      .ioctl(K.iommufd(.hwptGetDirtyBitmap)) { call in
        // 10 pages of 4 KiB from IOVA 0x10000 on HWPT 7, clearing: one word.
        guard call.load(UInt32.self, at: 4) == 7, call.load(UInt32.self, at: 8) == 0,
          call.load(UInt64.self, at: 16) == 0x10000, call.load(UInt64.self, at: 24) == 40960,
          call.load(UInt64.self, at: 32) == 4096, let address = call.load(UInt64.self, at: 40)
        else { return .failure(.invalidArgument) }
        FakeCall.fill(K.le(word), atAddress: address, limit: 8)
        return .result(0)
      }
    }
    let destroy = Step.ioctl(K.iommufd(.destroy))
    var scenario = Scenario.iommufd(
      "HWPT.setDirtyTracking + readDirtyPages", [allocate, enable, bitmap(0b1010), destroy], expected: "[1, 3]",
      lies: [
        .succeeds("bits past the last page", [allocate, enable, bitmap(.max), destroy], with: "\(Array(0..<10))"),
        .fails("ENOTTY: a kernel before 6.7", [allocate, lacks(.hwptSetDirtyTracking), destroy], saying: "not supported by this kernel"),
        .fails(
          "EOPNOTSUPP: a page table without dirty tracking",
          [allocate, .ioctl(K.iommufd(.hwptSetDirtyTracking)) { _ in .failure(.notSupported) }, destroy], saying: "or its IOMMU"),
        .fails("ENOTTY from the bitmap", [allocate, enable, lacks(.hwptGetDirtyBitmap), destroy], saying: "IOMMU_HWPT_GET_DIRTY_BITMAP"),
      ]
    ) { iommufd in
      let hwpt = try iommufd.makeHWPT(device: IOMMUFDDeviceID(rawValue: 3), pageTable: IOASID(rawValue: 5), flags: .dirtyTracking)
      try hwpt.setDirtyTracking(true)
      var bitmap = try DirtyBitmap(baseIOVA: 0x10000, length: 10 * 4096, pageSize: 4096)
      try hwpt.readDirtyPages(into: &bitmap)
      return "\(Array(bitmap.dirtyPages.map { ($0 - bitmap.baseIOVA) / 4096 }))"
    }
    scenario.unheardTail = 1
    return scenario
  }

  /// `IOMMU_GET_HW_INFO` of VT-d: `dataLength` claimed, type 1, dirty tracking.
  static func vtdInfo(dataLength: UInt32, type: UInt32 = 1) -> Step {
    .ioctl(K.iommufd(.getHWInfo)) { call in
      guard call.load(UInt32.self, at: 8) == 3, let room = call.load(UInt32.self, at: 12),
        let address = call.load(UInt64.self, at: 16)
      else { return .failure(.invalidArgument) }
      let vtd = K.le(UInt32(0)) + K.le(UInt32(0)) + K.le(UInt64(0xd2008c40660462)) + K.le(UInt64(0xf00f5e))
      FakeCall.fill(vtd, atAddress: address, limit: min(Int(room), vtd.count))
      call.fill(K.le(dataLength), at: 12)
      call.fill(K.le(type), at: 24)
      call.fill(K.le(UInt64(1)), at: 32)
      return .result(0)
    }
  }

  static var hardwareInfo: Scenario {
    .iommufd(
      "IOMMUFD.hardwareInfo", [vtdInfo(dataLength: 24)], expected: "1 [.dirtyTracking] d2008c40660462 f00f5e",
      lies: [
        .succeeds("a data length past the buffer", [vtdInfo(dataLength: .max)], with: "1 [.dirtyTracking] d2008c40660462 f00f5e"),
        .succeeds("VT-d data shorter than its struct", [vtdInfo(dataLength: 8)], with: "1 [.dirtyTracking] - -"),
        .succeeds("another type with VT-d's bytes", [vtdInfo(dataLength: 24, type: 99)], with: "99 [.dirtyTracking] - -"),
        .fails("ENOTTY: a kernel before 6.6", [lacks(.getHWInfo)], saying: "not supported by this kernel"),
      ]
    ) { iommufd in
      let info = try iommufd.hardwareInfo(device: IOMMUFDDeviceID(rawValue: 3))
      let vtd = info.intelVTd
      return "\(info.type.rawValue) \(info.capabilities) \(vtd.map { String($0.capabilityRegister, radix: 16) } ?? "-")"
        + " \(vtd.map { String($0.extendedCapabilityRegister, radix: 16) } ?? "-")"
    }
  }

  /// `IOMMU_OPTION` answered for `option` of `object` with `op`, returning `value`.
  static func option(_ option: UInt32, object: UInt32, op: UInt16, value: UInt64? = nil, answer: UInt64 = 0) -> Step {
    .ioctl(K.iommufd(.option)) { call in
      guard call.load(UInt32.self, at: 4) == option, call.load(UInt16.self, at: 8) == op,
        call.load(UInt32.self, at: 12) == object, value.map({ call.load(UInt64.self, at: 16) == $0 }) ?? true
      else { return .failure(.invalidArgument) }
      if op == 1 { call.fill(K.le(answer), at: 16) }
      return .result(0)
    }
  }

  static var accountingMode: Scenario {
    .iommufd(
      "IOMMUFD.accountingMode", [option(0, object: 0, op: 1, answer: 1)], expected: "process",
      lies: [
        .succeeds("a mode newer than the package", [option(0, object: 0, op: 1, answer: 9)], with: "mode 9"),
        .fails("ENOTTY", [lacks(.option)], saying: "not supported by this kernel"),
      ]
    ) { "\(try $0.accountingMode())" }
  }

  static var setAccountingMode: Scenario {
    .iommufd("IOMMUFD.setAccountingMode", [option(0, object: 0, op: 0, value: 1)], expected: "set") {
      try $0.setAccountingMode(.process)
      return "set"
    }
  }

  static let allocateIOAS = Step.ioctl(K.iommufd(.ioasAlloc), fill: K.le(UInt32(5)), at: 8)

  /// A call on a fresh IOAS 5, destroyed at the end (unheard).
  static func onIOAS(
    _ call: String, _ steps: [Step], expected: String, lies: [(String, [Step], String)] = [],
    _ body: @escaping @Sendable (borrowing IOAS) throws -> String
  ) -> Scenario {
    let destroy = Step.ioctl(K.iommufd(.destroy))
    var scenario = Scenario.iommufd(
      call, [allocateIOAS] + steps + [destroy], expected: expected,
      lies: lies.map { .fails($0.0, [allocateIOAS] + $0.1 + [destroy], saying: $0.2) }
    ) { try body(try $0.makeIOAS()) }
    scenario.unheardTail = 1
    return scenario
  }

  static var ioasMapFile: Scenario {
    let map = Step.ioctl(K.iommufd(.ioasMapFile)) { call in
      // Fixed IOVA, read and write, IOAS 5, fd 9 from 0x2000, 0x4000 bytes at 0x100000.
      guard call.load(UInt32.self, at: 4) == 7, call.load(UInt32.self, at: 8) == 5, call.load(Int32.self, at: 12) == 9,
        call.load(UInt64.self, at: 16) == 0x2000, call.load(UInt64.self, at: 24) == 0x4000,
        call.load(UInt64.self, at: 32) == 0x100000
      else { return .failure(.invalidArgument) }
      return .result(0)
    }
    return onIOAS(
      "IOAS.mapFile", [map], expected: "mapped",
      lies: [("ENOTTY: a kernel before 6.13", [lacks(.ioasMapFile)], "IOMMU_IOAS_MAP_FILE on iommufd, IOAS 5, fd 9 + 8192, IOVA 1048576 + 16384: not supported by this kernel")]
    ) { ioas in
      try ioas.mapFile(FileDescriptor(rawValue: 9), offset: 0x2000, length: 0x4000, iova: 0x100000)
      return "mapped"
    }
  }

  static var ioasCopy: Scenario {
    let copy = Step.ioctl(K.iommufd(.ioasCopy)) { call in
      // Read-only, fixed IOVA, from IOAS 5 at 0x10000 to IOAS 5 at 0x20000, 4 KiB.
      guard call.load(UInt32.self, at: 4) == 5, call.load(UInt32.self, at: 8) == 5, call.load(UInt32.self, at: 12) == 5,
        call.load(UInt64.self, at: 16) == 4096, call.load(UInt64.self, at: 24) == 0x20000,
        call.load(UInt64.self, at: 32) == 0x10000
      else { return .failure(.invalidArgument) }
      return .result(0)
    }
    return onIOAS("IOAS.copy", [copy], expected: "copied", lies: [("ENOTTY", [lacks(.ioasCopy)], "not supported")]) { ioas in
      try ioas.copy(from: ioas, sourceIOVA: 0x10000, length: 4096, iova: 0x20000, access: .read)
      return "copied"
    }
  }

  static var ioasAllowIOVAs: Scenario {
    let allow = Step.ioctl(K.iommufd(.ioasAllowIOVAs)) { call in
      guard call.load(UInt32.self, at: 4) == 5, call.load(UInt32.self, at: 8) == 2, let address = call.load(UInt64.self, at: 16),
        let pointer = UnsafeRawPointer(bitPattern: UInt(address))
      else { return .failure(.invalidArgument) }
      let bounds = (0..<4).map { pointer.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
      return bounds == [0x1000, 0x1FFF, 0x100000, 0xFFFFF_FFFF] ? .result(0) : .failure(.invalidArgument)
    }
    return onIOAS(
      "IOAS.allowIOVAs", [allow], expected: "allowed",
      lies: [("EINVAL: ranges already narrower", [.ioctl(K.iommufd(.ioasAllowIOVAs)) { _ in .failure(.invalidArgument) }], "EINVAL")]
    ) { ioas in
      try ioas.allowIOVAs([0x1000...0x1FFF, 0x100000...0xFFFFF_FFFF])
      return "allowed"
    }
  }

  static var ioasHugePages: Scenario {
    onIOAS(
      "IOAS.setHugePages + usesHugePages", [option(1, object: 5, op: 0, value: 0), option(1, object: 5, op: 1, answer: 0)],
      expected: "false"
    ) { ioas in
      try ioas.setHugePages(false)
      return "\(try ioas.usesHugePages())"
    }
  }
}

import CVFIO
import FakeKernel
import SystemPackage
import VFIO

/// Containers, groups, iommufd and IOAS, and binding a device to them.
enum ContextScenarios {
  static var all: [Scenario] {
    let scenarios: [Scenario] = [
      .container("VFIOContainer.apiVersion", [.ioctl(K.container(.getAPIVersion), result: 0)], expected: "0") {
        "\(try $0.apiVersion())"
      },
      .container("VFIOContainer.supports(type)", [.ioctl(K.container(.checkExtension), result: 1)], expected: "true") {
        "\(try $0.supports(IOMMUType.type1v2))"
      },
      .container(
        "VFIOContainer.iommuInfo", [.ioctl(K.container(.iommuGetInfo), fill: K.iommuInfo())], expected: "4096",
        lies: DeviceScenarios.argszLies(
          K.container(.iommuGetInfo), { K.iommuInfo(argsz: $0, capOffset: UInt32(MemoryLayout<vfio_iommu_type1_info>.size)) },
          fixed: MemoryLayout<vfio_iommu_type1_info>.size)
      ) { "\(try $0.iommuInfo().info.pageSizes)" },
      .container("VFIOContainer.startDirtyPageTracking", [.ioctl(K.container(.iommuDirtyPages))], expected: "started") {
        try $0.startDirtyPageTracking()
        return "started"
      },
      .container("VFIOContainer.stopDirtyPageTracking", [.ioctl(K.container(.iommuDirtyPages))], expected: "stopped") {
        try $0.stopDirtyPageTracking()
        return "stopped"
      },
      .container(
        "VFIOContainer.readDirtyPages", [K.throughPointer(K.container(.iommuDirtyPages), at: ArgumentOffsets.type1Bitmap, limit: 8, K.le(UInt64(0b1010)))],
        expected: "[1, 3]",
        lies: [
          .succeeds("bits past the last page", [K.throughPointer(K.container(.iommuDirtyPages), at: ArgumentOffsets.type1Bitmap, limit: 8, K.le(UInt64.max))], with: "\(Array(0..<10))")
        ]
      ) { container in
        var bitmap = try DirtyBitmap(baseIOVA: 0, length: 10 * 4096, pageSize: 4096)
        try container.readDirtyPages(into: &bitmap)
        return "\(Array(bitmap.dirtyPages.map { ($0 - bitmap.baseIOVA) / 4096 }))"
      },
      .container(
        "VFIOContainer.unmapDMA(collectingDirtyPagesInto:)",
        [.ioctl(K.container(.iommuUnmapDMA)) { call in
          call.fill(K.le(UInt64(40960)), at: 16)
          if let address = call.load(UInt64.self, at: ArgumentOffsets.unmapBitmap) {
            FakeCall.fill(K.le(UInt64(1)), atAddress: address, limit: 8)
          }
          return .result(0)
        }],
        expected: "40960 1"
      ) { container in
        var bitmap = try DirtyBitmap(baseIOVA: 0, length: 10 * 4096, pageSize: 4096)
        let size = try container.unmapDMA(collectingDirtyPagesInto: &bitmap)
        return "\(size) \(bitmap.dirtyPageCount)"
      },
      .container("VFIOContainer.unsafeMapDMA", [.ioctl(K.container(.iommuMapDMA))], expected: "mapped") { container in
        var byte: UInt8 = 0
        try container.unsafeMapDMA(address: &byte, size: 4096, iova: 0)
        return "mapped"
      },
      .container("VFIOContainer.unmapDMA", [.ioctl(K.container(.iommuUnmapDMA), fill: K.le(UInt64(8192)), at: 16)], expected: "8192") {
        "\(try $0.unmapDMA(iova: 0, size: 8192))"
      },
      .container("VFIOContainer.unmapAllDMA", [.ioctl(K.container(.iommuUnmapDMA), fill: K.le(UInt64.max), at: 16)], expected: "\(UInt64.max)") {
        "\(try $0.unmapAllDMA())"
      },
      .container(
        "VFIOContainer.map", [.ioctl(K.container(.iommuMapDMA)), .ioctl(K.container(.iommuUnmapDMA), fill: K.le(UInt64(4096)), at: 16)],
        expected: "4096"
      ) { container in
        let mapping = try container.map(try GuestMemory(size: 4096), iova: 0x10000)
        return "\(try mapping.unmap().size)"
      },
      .container(
        "VFIOContainer.map in pieces + unmapPieces + mapPieces + unmap",
        [
          .ioctl(K.container(.iommuMapDMA)), .ioctl(K.container(.iommuMapDMA)),
          .ioctl(K.container(.iommuUnmapDMA), fill: K.le(UInt64(4096)), at: 16), .ioctl(K.container(.iommuMapDMA)),
          .ioctl(K.container(.iommuUnmapDMA), fill: K.le(UInt64(8192)), at: 16),
        ],
        expected: "8192"
      ) { container in
        let mapping = try container.map(try GuestMemory(size: 8192), iova: 0x10000, granularity: 4096)
        try mapping.unmapPieces(4096..<8192)
        try mapping.mapPieces(4096..<8192)
        return "\(try mapping.unmap().size)"
      },
      .group("VFIOGroup.status", [.ioctl(K.group(.getStatus), fill: K.le(UInt32(8)) + K.le(UInt32(1)))], expected: "viable") {
        "\(try $0.status().contains(.viable) ? "viable" : "not viable")"
      },
      .group("VFIOGroup.setContainer", [.ioctl(K.group(.setContainer))], expected: "set") { group in
        let container = VFIOContainer(unsafeAdopting: FileDescriptor(rawValue: fake_memfd(0)))
        try group.setContainer(container)
        return "set"
      },
      .group("VFIOContainer(group:iommuType:path:)", [.ioctl(K.group(.setContainer))], expected: "set") { group in
        let file = FakeFile(script: [.ioctl(K.container(.setIOMMU))])
        let container = try VFIOContainer(group: group, iommuType: .type1v2, path: file.path)
        _ = consume container
        return file.finished && file.mismatches.isEmpty ? "set" : "\(file.log)"
      },
      .group("VFIOGroup.unsetContainer", [.ioctl(K.group(.unsetContainer))], expected: "unset") {
        try $0.unsetContainer()
        return "unset"
      },
      .iommufd("IOMMUFD.allocateIOAS", [.ioctl(K.iommufd(.ioasAlloc), fill: K.le(UInt32(5)), at: 8)], expected: "5") {
        "\(try $0.allocateIOAS().rawValue)"
      },
      .iommufd("IOMMUFD.destroy", [.ioctl(K.iommufd(.destroy))], expected: "destroyed") {
        try $0.destroy(IOASID(rawValue: 5))
        return "destroyed"
      },
      .iommufd(
        "IOMMUFD.iovaRanges", IOMMUFDScripts.ranges([(0x1000, 0x1FFF), (0x10000, 0x1FFFF)]), expected: "[4096...8191, 65536...131071] 4096",
        lies: [
          .fails("a range whose start is past its end", IOMMUFDScripts.ranges([(0x2000, 0x1000)]), saying: "starts past its end"),
          .fails("num_iovas 0xFFFFFFFF", [IOMMUFDScripts.tooSmall(.max)], saying: "above the limit"),
          .fails("EMSGSIZE forever", Array(repeating: IOMMUFDScripts.tooSmall(1), count: 8), saying: "EMSGSIZE"),
          .succeeds("success claiming more ranges than room", [.ioctl(K.iommufd(.ioasIOVARanges), fill: K.le(UInt32(1000)), at: 8)], with: "[] 0"),
        ]
      ) { iommufd in
        let (ranges, alignment) = try iommufd.iovaRanges(ioas: IOASID(rawValue: 5))
        return "\(K.text(ranges)) \(alignment)"
      },
    ]
    var makeIOAS = Scenario.iommufd(
      "IOMMUFD.makeIOAS + IOAS.iovaRanges",
      [.ioctl(K.iommufd(.ioasAlloc), fill: K.le(UInt32(5)), at: 8)] + IOMMUFDScripts.ranges([(0, 0xFFFF)]) + [.ioctl(K.iommufd(.destroy))],
      expected: "5 [0...65535]"
    ) { iommufd in
      let ioas = try iommufd.makeIOAS()
      return "\(ioas.id.rawValue) \(K.text(try ioas.iovaRanges().ranges))"
    }
    makeIOAS.unheardTail = 1
    var ioasMap = Scenario.iommufd(
      "IOAS.map + unmap",
      [
        .ioctl(K.iommufd(.ioasAlloc), fill: K.le(UInt32(5)), at: 8), .ioctl(K.iommufd(.ioasMap)),
        .ioctl(K.iommufd(.ioasUnmap), fill: K.le(UInt64(4096)), at: 16), .ioctl(K.iommufd(.destroy)),
      ],
      expected: "4096"
    ) { iommufd in
      let ioas = try iommufd.makeIOAS()
      let mapping = try ioas.map(try GuestMemory(size: 4096), iova: 0x10000)
      return "\(try mapping.unmap().size)"
    }
    ioasMap.unheardTail = 1
    // The pool's mapping is unmapped when the pool goes, where nobody hears a failure.
    var pool = Scenario.container(
      "DMABufferPool over a container mapping",
      [.ioctl(K.container(.iommuMapDMA)), .ioctl(K.container(.iommuUnmapDMA), fill: K.le(UInt64(8192)), at: 16)],
      expected: "65536 4096"
    ) { container in
      let pool = DMABufferPool(try container.map(try GuestMemory(size: 8192), iova: 0x10000))
      let buffer = try pool.allocate(size: 100)
      return "\(buffer.iova) \(pool.freeBytes)"
    }
    pool.unheardTail = 1
    return scenarios + [makeIOAS, ioasMap, pool, deviceFromGroup, bind, attach, detach]
  }

  static var deviceFromGroup: Scenario {
    .group(
      "VFIOGroup.device(named:)", [K.newDescriptor(K.group(.getDeviceFD), .vfioDevice)], expected: "0000:01:00.0",
      lies: [
        .fails("standard output handed back", [K.handsBack(K.group(.getDeviceFD)) { 1 }], saying: "standard output"),
        .fails("a dma-buf handed back", [K.newDescriptor(K.group(.getDeviceFD), .dmaBuf)], saying: "/dmabuf:"),
      ]
    ) {
      try $0.device(named: "0000:01:00.0").name
    }
  }

  static func withIOMMUFD(_ call: String, _ baseline: [Step], expected: String, _ body: @escaping @Sendable (borrowing VFIODevice, borrowing IOMMUFD) throws -> String) -> Scenario {
    Scenario(call: call, baseline: baseline, expected: expected, run: { script in
      let iommufd = FakeFile()
      let fake = FakeFile(script: script)
      let device = VFIODevice(unsafeAdopting: fake.descriptor(), name: "fake")
      return (Outcome.of { try body(device, try IOMMUFD(path: iommufd.path)) }, [fake, iommufd])
    })
  }

  static var bind: Scenario {
    withIOMMUFD("VFIODevice.bind(to:)", [.ioctl(K.device(.bindIOMMUFD), fill: K.le(UInt32(3)), at: 12)], expected: "3") { device, iommufd in
      "\(try device.bind(to: iommufd).rawValue)"
    }
  }

  static var attach: Scenario {
    .device("VFIODevice.attach(pageTable:)", [.ioctl(K.device(.attachIOMMUFDPT), fill: K.le(UInt32(9)), at: 8)], expected: "9") {
      "\(try $0.attach(pageTable: IOASID(rawValue: 5)).rawValue)"
    }
  }

  static var detach: Scenario {
    .device("VFIODevice.detachPageTable", [.ioctl(K.device(.detachIOMMUFDPT))], expected: "detached") {
      try $0.detachPageTable()
      return "detached"
    }
  }
}

enum IOMMUFDScripts {
  /// EMSGSIZE with the count the kernel has.
  static func tooSmall(_ count: UInt32) -> Step {
    .ioctl(K.iommufd(.ioasIOVARanges)) { call in
      call.fill(K.le(count), at: 8)
      return .failure(.messageTooLong)
    }
  }

  /// The two-call answer of `IOMMU_IOAS_IOVA_RANGES` with `ranges` (inclusive bounds), alignment 4096.
  static func ranges(_ ranges: [(UInt64, UInt64)]) -> [Step] {
    let bytes = ranges.flatMap { K.le($0.0) + K.le($0.1) }
    let count = ranges.count
    return [
      tooSmall(UInt32(count)),
      .ioctl(K.iommufd(.ioasIOVARanges)) { call in
        if let address = call.load(UInt64.self, at: 16), let room = call.load(UInt32.self, at: 8) {
          FakeCall.fill(bytes, atAddress: address, limit: Int(room) * 16)
        }
        call.fill(K.le(UInt32(count)), at: 8)
        call.fill(K.le(UInt64(4096)), at: 24)
        return .result(0)
      },
    ]
  }
}


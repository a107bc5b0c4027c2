import CVFIO
import FakeKernel
import SystemPackage
import VFIO
@testable import VFIOTool

/// `vfio inspect`'s device half, on a fake device (its group half is the group's calls).
enum InspectScenarios {
  static var all: [Scenario] {
    [
      .device(
        "vfio inspect (InspectFormat.printDevice)",
        MigrationScenarios.describeScript + [K.feature(K.le(UInt64(1)))],
        expected: "printed",
        lies: [
          .fails("num_regions 0xFFFFFFFF", [.ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: .max, irqs: 1))], saying: "above the limit"),
          .fails("num_irqs 0xFFFFFFFF", [.ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: 0, irqs: .max))], saying: "above the limit"),
          .ends("region capability chain pointing at itself", [
            .ioctl(K.device(.getInfo), fill: K.deviceInfo(regions: 1, irqs: 0)),
            .ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 0, argsz: 64, flags: 15)),
            .ioctl(K.device(.getRegionInfo), fill: K.regionInfo(index: 0, argsz: 64, flags: 15) + K.capabilityHeader(id: 1, next: 32)),
            K.feature(K.le(UInt64(1))),
          ]),
        ],
        absorbsErrors: true
      ) { device in
        try InspectFormat.printDevice(device)
        return "printed"
      }
    ]
  }
}

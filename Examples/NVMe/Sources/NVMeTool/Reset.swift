import ArgumentParser
import VFIO
import VFIONVMe

struct Reset: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Bring the controller up, reset its PCI bus (VFIO hot reset), bring it up again and identify it.")
  @OptionGroup var device: DeviceArgument

  func run() throws {
    try reportingErrors { () throws(NVMeError) in
      let cdev = device.device.hasPrefix("/dev/vfio/devices/")
      let report = try device.open().hotReset()
      let affected = report.affected.map { dependent in
        let address = PCIAddress(
          domain: UInt32(dependent.segment), bus: dependent.bus, device: dependent.device, function: dependent.function
        ).map { "\($0)" } ?? "devfn \(dependent.devfn)"
        return cdev ? "\(address) (device id \(dependent.deviceID.rawValue))" : "\(address) (group \(dependent.groupID))"
      }
      print("hot reset affected \(affected.count) device(s): \(affected.joined(separator: ", "))")
      print("CSTS.RDY \(report.statusBefore & 1) before, \(report.statusAfter & 1) after; CC.EN \(report.configurationAfter & 1) after")
      let identity = report.identity
      print("model: \(identity.model)")
      print("serial: \(identity.serial)")
      print("namespace 1: \(identity.blockCount) blocks of \(identity.blockSize) bytes")
    }
  }
}

import VFIO

/// What a hot reset of the controller's PCI bus did, as the driver saw it.
public struct NVMeHotReset: Sendable {
  /// The devices the kernel said the reset affects (`VFIO_DEVICE_GET_PCI_HOT_RESET_INFO`): by IOMMU
  /// group through a type1 container, by iommufd device id through a cdev.
  public let affected: [PCIDependentDevice]
  /// CSTS just before the reset: RDY 1, the controller was up.
  public let statusBefore: UInt32
  /// CSTS just after the reset: RDY 0, the reset reached the controller.
  public let statusAfter: UInt32
  /// CC just after the reset: EN 0.
  public let configurationAfter: UInt32
  /// What the controller identified as once brought up again.
  public let identity: NVMeIdentity
}

extension NVMeController {
  /// Resets the PCI bus the controller sits on (`VFIO_DEVICE_PCI_HOT_RESET`, proving ownership the way
  /// the address space allows), then brings the controller up again from its power-on state:
  /// admin queue, enable, every I/O queue re-created, identified again.
  ///
  /// Unlike ``reset()`` (CC.EN 0 then 1, which the controller itself carries out) the reset comes from
  /// the bus: a controller that still reports CSTS.RDY or CC.EN afterwards was not reset, and ends in
  /// ``NVMeError/unsupported(_:)`` rather than being driven as if it were fresh. Commands other
  /// threads had outstanding end in ``NVMeError/lostToReset(command:)``.
  public func hotReset() throws(NVMeError) -> NVMeHotReset {
    try admin.withLock { (state) throws(NVMeError) -> NVMeHotReset in
      let affected = try vfio { () throws(VFIOError) in try device.hotResetDependencies() }
      let before = try register(NVMeRegister.status)
      try vfio { () throws(VFIOError) in try space.hotReset(device) }
      let after = try register(NVMeRegister.status)
      let configuration = try register(NVMeRegister.configuration)
      guard after & NVMeRegister.ready == 0, configuration & NVMeRegister.enable == 0 else {
        throw .unsupported(
          "after a hot reset CSTS is \(hex(after)) and CC \(hex(configuration)): the reset did not reach the controller")
      }
      // The kernel restores the command register it saved; a driver does not count on it.
      try vfio { () throws(VFIOError) in
        try device.setPCICommand(device.pciCommand().union([.memorySpace, .busMaster]))
      }
      try resetLocked(&state)
      let identity = try identify(&state)
      return NVMeHotReset(
        affected: affected, statusBefore: before, statusAfter: after, configurationAfter: configuration, identity: identity)
    }
  }

  private func register(_ offset: UInt64) throws(NVMeError) -> UInt32 {
    try vfio { () throws(VFIOError) in try registers.load(UInt32.self, at: offset) }
  }
}

/// `value` as 0x and eight hex digits.
private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

import CVFIO

extension VFIODevice {
  /// A snapshot of the device's PCI configuration space, read through the config region
  /// (`VFIO_PCI_CONFIG_REGION_INDEX`) in one `pread`: 256 bytes for conventional PCI, 4096 for
  /// PCI Express (the region's size, at most 4096).
  ///
  /// What a device reads back is vfio-pci's virtualized view: BARs as the user programmed them,
  /// capabilities the kernel hides linked around.
  ///
  /// - Throws: ``VFIOError/Reason/pciConfig(_:)`` (``PCIConfigError/size(_:)``) for a region below
  ///   64 bytes; the kernel's errno for a failed `GET_REGION_INFO` or `pread`.
  public func pciConfigSpace() throws(VFIOError) -> PCIConfigSpace {
    let region = try regionInfo(.pciConfig).info
    let size = Int(min(region.size, UInt64(PCI_CFG_SPACE_EXP_SIZE)))
    guard size >= Int(PCI_STD_HEADER_SIZEOF) else {
      throw VFIOError(operation: "pread", target: "\(target), PCI config region", reason: .pciConfig(.size(size)))
    }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
    defer { buffer.deallocate() }
    try read(region: region, at: 0, into: buffer)
    let bytes = Array(UnsafeRawBufferPointer(buffer))
    do throws(PCIConfigError) { return try PCIConfigSpace(bytes: bytes) } catch {
      throw VFIOError(operation: "pread", target: "\(target), PCI config region", reason: .pciConfig(error))
    }
  }

  /// The command register, read now (`PCI_COMMAND`).
  public func pciCommand() throws(VFIOError) -> PCICommand {
    PCICommand(rawValue: try read(UInt16.self, region: regionInfo(.pciConfig).info, at: UInt64(PCI_COMMAND)))
  }

  /// Writes the command register (`PCI_COMMAND`), e.g. `.memorySpace` and `.busMaster` on before
  /// MMIO and DMA. vfio-pci virtualizes some bits (INTx disable while it owns INTx).
  public func setPCICommand(_ command: PCICommand) throws(VFIOError) {
    try write(command.rawValue, region: regionInfo(.pciConfig).info, at: UInt64(PCI_COMMAND))
  }
}

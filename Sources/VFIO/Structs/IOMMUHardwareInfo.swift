import CVFIO

/// The IOMMU behind a device, as `IOMMU_GET_HW_INFO` reports it (`struct iommu_hw_info` and the
/// type-specific data it points to).
public struct IOMMUHardwareInfo: Hashable, Sendable {
  /// The most type-specific bytes read: several times the largest of the newest header (40).
  public static var maximumDataLength: Int { 256 }

  /// Which IOMMU the ``data`` describes (`out_data_type`).
  public var type: IOMMUHardwareInfoType
  /// What the IOMMU can do for this device (`out_capabilities`; zero before Linux 6.7).
  public var capabilities: IOMMUHardwareCapabilities
  /// The width of the device's PASIDs in bits; 0 without PASID support or on kernels that do
  /// not report it (`out_max_pasid_log2`).
  public var maximumPASIDLog2: UInt8
  /// The length of the type data the kernel has (`data_len` on return), which may exceed ``data``.
  public var dataLength: UInt32
  /// The type data the kernel wrote, at most as long as was asked for.
  public var data: [UInt8]

  /// The answer of the kernel in `request`, with the buffer `data` it pointed to.
  internal init(_ request: cvfio_iommu_hw_info, data: [UInt8]) {
    type = IOMMUHardwareInfoType(rawValue: request.out_data_type)
    capabilities = IOMMUHardwareCapabilities(rawValue: request.out_capabilities)
    maximumPASIDLog2 = request.out_max_pasid_log2
    dataLength = request.data_len
    self.data = Array(data.prefix(Int(request.data_len)))
  }

  /// Intel VT-d registers (`struct iommu_hw_info_vtd`), when ``type`` is ``IOMMUHardwareInfoType/intelVTd``
  /// and the kernel wrote all of them; nil otherwise.
  public var intelVTd: IntelVTd? {
    guard type == .intelVTd, data.count >= MemoryLayout<iommu_hw_info_vtd>.size else { return nil }
    let raw = data.withUnsafeBytes { $0.loadUnaligned(as: iommu_hw_info_vtd.self) }
    return IntelVTd(flags: raw.flags, capabilityRegister: raw.cap_reg, extendedCapabilityRegister: raw.ecap_reg)
  }

  /// The Intel VT-d data of `IOMMU_GET_HW_INFO`: the raw capability registers, decoded per the VT-d specification.
  public struct IntelVTd: Hashable, Sendable {
    /// `flags` (`enum iommu_hw_info_vtd_flags`, e.g. erratum 772415).
    public var flags: UInt32
    /// The Capability Register (`cap_reg`, VT-d specification 11.4.2).
    public var capabilityRegister: UInt64
    /// The Extended Capability Register (`ecap_reg`, VT-d specification 11.4.3).
    public var extendedCapabilityRegister: UInt64
  }
}

import CVFIO

/// Which IOMMU the hardware information of `IOMMU_GET_HW_INFO` describes
/// (`iommu_hw_info.out_data_type`, `enum iommu_hw_info_type`); open to types newer than the package.
@frozen
public struct IOMMUHardwareInfoType: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The driver reports no hardware data.
  ///
  /// The corresponding C constant is `IOMMU_HW_INFO_TYPE_NONE`.
  @inlinable public static var none: IOMMUHardwareInfoType { .init(rawValue: UInt32(CVFIO_IOMMU_HW_INFO_TYPE_NONE)) }

  /// Intel VT-d: the data is `struct iommu_hw_info_vtd` (``IOMMUHardwareInfo/intelVTd``).
  ///
  /// The corresponding C constant is `IOMMU_HW_INFO_TYPE_INTEL_VTD`.
  @inlinable public static var intelVTd: IOMMUHardwareInfoType {
    .init(rawValue: UInt32(CVFIO_IOMMU_HW_INFO_TYPE_INTEL_VTD))
  }

  /// ARM SMMUv3: the data is `struct iommu_hw_info_arm_smmuv3`.
  ///
  /// The corresponding C constant is `IOMMU_HW_INFO_TYPE_ARM_SMMUV3`.
  @inlinable public static var armSMMUv3: IOMMUHardwareInfoType {
    .init(rawValue: UInt32(CVFIO_IOMMU_HW_INFO_TYPE_ARM_SMMUV3))
  }

  /// NVIDIA Tegra241 CMDQV: the data is `struct iommu_hw_info_tegra241_cmdqv`.
  ///
  /// The corresponding C constant is `IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV`.
  @inlinable public static var tegra241CMDQV: IOMMUHardwareInfoType {
    .init(rawValue: UInt32(CVFIO_IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV))
  }

  /// AMD IOMMU: the data is `struct iommu_hw_info_amd`.
  ///
  /// The corresponding C constant is `IOMMU_HW_INFO_TYPE_AMD`.
  @inlinable public static var amd: IOMMUHardwareInfoType { .init(rawValue: UInt32(CVFIO_IOMMU_HW_INFO_TYPE_AMD)) }
}

extension IOMMUHardwareInfoType: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<IOMMUHardwareInfoType>] = [
    NamedConstant(.none, "none", "IOMMU_HW_INFO_TYPE_NONE"),
    NamedConstant(.intelVTd, "intelVTd", "IOMMU_HW_INFO_TYPE_INTEL_VTD"),
    NamedConstant(.armSMMUv3, "armSMMUv3", "IOMMU_HW_INFO_TYPE_ARM_SMMUV3"),
    NamedConstant(.tegra241CMDQV, "tegra241CMDQV", "IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV"),
    NamedConstant(.amd, "amd", "IOMMU_HW_INFO_TYPE_AMD"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, IOMMUHardwareInfoType.knownValues) }
}

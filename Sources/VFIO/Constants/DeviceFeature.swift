import CVFIO

/// A feature of `VFIO_DEVICE_FEATURE`, the low 16 bits of `vfio_device_feature.flags`.
@frozen
public struct DeviceFeature: RawRepresentable, Sendable, Hashable {
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Set the VF token that binds SR-IOV VFs to this PF's user (a UUID).
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_PCI_VF_TOKEN`.
  @inlinable public static var pciVFToken: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_PCI_VF_TOKEN))
  }

  /// Read the supported migration states (`MigrationFlags`).
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_MIGRATION`.
  @inlinable public static var migration: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_MIGRATION))
  }

  /// Read or change the v2 migration state.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE`.
  @inlinable public static var migrationDeviceState: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE))
  }

  /// Let the device enter a low power state.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY`.
  @inlinable public static var lowPowerEntry: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY))
  }

  /// Enter low power and signal an eventfd on wakeup.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP`.
  @inlinable public static var lowPowerEntryWithWakeup: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP))
  }

  /// Leave the low power state.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_LOW_POWER_EXIT`.
  @inlinable public static var lowPowerExit: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_LOW_POWER_EXIT))
  }

  /// Start device dirty tracking of IOVA ranges.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_DMA_LOGGING_START`.
  @inlinable public static var dmaLoggingStart: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_DMA_LOGGING_START))
  }

  /// Stop device dirty tracking.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP`.
  @inlinable public static var dmaLoggingStop: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP))
  }

  /// Read and clear the device dirty bitmap of a range.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT`.
  @inlinable public static var dmaLoggingReport: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT))
  }

  /// Read the estimated size of the stop-copy data.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_MIG_DATA_SIZE`.
  @inlinable public static var migrationDataSize: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_MIG_DATA_SIZE))
  }

  /// Set or clear bus mastering (devices without in-band control, such as CDX).
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_BUS_MASTER`.
  @inlinable public static var busMaster: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_BUS_MASTER))
  }

  /// Export ranges of a region as a dma-buf, for peer-to-peer DMA by another device.
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_DMA_BUF`.
  @inlinable public static var dmaBuf: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_DMA_BUF))
  }

  /// Opt in to `vfio_precopy_info.flags` as an output (``PrecopyInfoFlags/reinitialized``).
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2`.
  @inlinable public static var migrationPrecopyInfoV2: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2))
  }

  /// Read the pending s390 PCI error of the device (``ZPCIErrorFeature``).
  ///
  /// The corresponding C constant is `VFIO_DEVICE_FEATURE_ZPCI_ERROR`.
  @inlinable public static var zpciError: DeviceFeature {
    DeviceFeature(rawValue: UInt32(bitPattern: VFIO_DEVICE_FEATURE_ZPCI_ERROR))
  }
}

extension DeviceFeature: CustomStringConvertible {
  /// The named values, for descriptions and the tests against C.
  static let knownValues: [NamedConstant<DeviceFeature>] = [
    NamedConstant(.pciVFToken, "pciVFToken", "VFIO_DEVICE_FEATURE_PCI_VF_TOKEN"),
    NamedConstant(.migration, "migration", "VFIO_DEVICE_FEATURE_MIGRATION"),
    NamedConstant(.migrationDeviceState, "migrationDeviceState", "VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE"),
    NamedConstant(.lowPowerEntry, "lowPowerEntry", "VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY"),
    NamedConstant(
      .lowPowerEntryWithWakeup, "lowPowerEntryWithWakeup", "VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP"),
    NamedConstant(.lowPowerExit, "lowPowerExit", "VFIO_DEVICE_FEATURE_LOW_POWER_EXIT"),
    NamedConstant(.dmaLoggingStart, "dmaLoggingStart", "VFIO_DEVICE_FEATURE_DMA_LOGGING_START"),
    NamedConstant(.dmaLoggingStop, "dmaLoggingStop", "VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP"),
    NamedConstant(.dmaLoggingReport, "dmaLoggingReport", "VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT"),
    NamedConstant(.migrationDataSize, "migrationDataSize", "VFIO_DEVICE_FEATURE_MIG_DATA_SIZE"),
    NamedConstant(.busMaster, "busMaster", "VFIO_DEVICE_FEATURE_BUS_MASTER"),
    NamedConstant(.dmaBuf, "dmaBuf", "VFIO_DEVICE_FEATURE_DMA_BUF"),
    NamedConstant(.migrationPrecopyInfoV2, "migrationPrecopyInfoV2", "VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2"),
    NamedConstant(.zpciError, "zpciError", "VFIO_DEVICE_FEATURE_ZPCI_ERROR"),
  ]

  /// The raw value, then the name of every constant with that value.
  public var description: String { describeValue(self, DeviceFeature.knownValues) }
}

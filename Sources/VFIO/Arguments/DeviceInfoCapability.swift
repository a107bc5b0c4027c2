import CVFIO

/// A capability of `VFIO_DEVICE_GET_INFO`.
public enum DeviceInfoCapability: Hashable, Sendable {
  /// s390 zPCI function information (`VFIO_DEVICE_INFO_CAP_ZPCI_BASE`).
  case zpciBase(ZPCIBase)
  /// s390 zPCI function group information (`VFIO_DEVICE_INFO_CAP_ZPCI_GROUP`).
  case zpciGroup(ZPCIGroup)
  /// s390 zPCI utility string, EBCDIC (`VFIO_DEVICE_INFO_CAP_ZPCI_UTIL`).
  case zpciUtility([UInt8])
  /// s390 zPCI function path (`VFIO_DEVICE_INFO_CAP_ZPCI_PFIP`).
  case zpciFunctionPath([UInt8])
  /// PCIe AtomicOp completion widths supported to the root bus
  /// (`VFIO_DEVICE_INFO_CAP_PCI_ATOMIC_COMP`).
  case pciAtomicCompletion(PCIAtomicCompletionFlags)
  /// An id this package does not decode.
  case unknown(RawCapability)

  /// Decodes `raw`, checking its size against the C struct of its id.
  public init(decoding raw: RawCapability) throws(CapabilityChainError) {
    switch DeviceCapabilityID(rawValue: raw.id) {
    case .zpciBase:
      self = .zpciBase(try ZPCIBase(raw))
    case .zpciGroup:
      self = .zpciGroup(try ZPCIGroup(raw))
    case .zpciUtility:
      let fixed = try raw.load(vfio_device_info_cap_zpci_util.self)
      self = .zpciUtility(try raw.loadBytes(count: fixed.size, after: vfio_device_info_cap_zpci_util.self))
    case .zpciPFIP:
      let fixed = try raw.load(vfio_device_info_cap_zpci_pfip.self)
      self = .zpciFunctionPath(
        try raw.loadBytes(count: fixed.size, after: vfio_device_info_cap_zpci_pfip.self))
    case .pciAtomicCompletion:
      let atomic = try raw.load(vfio_device_info_cap_pci_atomic_comp.self)
      self = .pciAtomicCompletion(PCIAtomicCompletionFlags(rawValue: atomic.flags))
    default:
      self = .unknown(raw)
    }
  }
}

/// s390 zPCI function information (`struct vfio_device_info_cap_zpci_base`).
public struct ZPCIBase: Hashable, Sendable {
  /// The first DMA address the function may use (`start_dma`).
  public var startDMA: UInt64
  /// The last DMA address the function may use (`end_dma`).
  public var endDMA: UInt64
  /// Physical channel id.
  public var pchid: UInt16
  /// Virtual function number.
  public var vfn: UInt16
  /// Measurement block length in bytes.
  public var fmbLength: UInt16
  /// PCI function type.
  public var pft: UInt8
  /// PCI function group id.
  public var gid: UInt8
  /// The function handle; version 2 and later.
  public var fh: UInt32?
  /// The length in bytes of the error record `VFIO_DEVICE_FEATURE_ZPCI_ERROR` writes
  /// (`ccdf_err_length`); version 3 and later.
  public var ccdfErrorLength: UInt32?

  init(_ raw: RawCapability) throws(CapabilityChainError) {
    typealias C = cvfio_device_info_cap_zpci_base
    // Each version ends where the next one added a field: version 2 `fh`, version 3 `ccdf_err_length`.
    let required: Int
    switch raw.version {
    case ...1: required = MemoryLayout<C>.offset(of: \C.fh) ?? MemoryLayout<C>.size
    case 2: required = MemoryLayout<C>.offset(of: \C.ccdf_err_length) ?? MemoryLayout<C>.size
    default: required = MemoryLayout<C>.size
    }
    let c = try raw.load(C.self, requiring: required)
    startDMA = c.start_dma
    endDMA = c.end_dma
    pchid = c.pchid
    vfn = c.vfn
    fmbLength = c.fmb_length
    pft = c.pft
    gid = c.gid
    fh = raw.version >= 2 ? c.fh : nil
    ccdfErrorLength = raw.version >= 3 ? c.ccdf_err_length : nil
  }
}

/// s390 zPCI function group information (`struct vfio_device_info_cap_zpci_group`).
public struct ZPCIGroup: Hashable, Sendable {
  /// DMA address space mask.
  public var dasm: UInt64
  /// The MSI address (`msi_addr`).
  public var msiAddress: UInt64
  /// `VFIO_DEVICE_INFO_ZPCI_FLAG_*`.
  public var flags: UInt64
  /// Measurement block update interval.
  public var mui: UInt16
  /// Maximum number of MSIs.
  public var noi: UInt16
  /// Maximum store block length.
  public var maxstbl: UInt16
  /// Supported PCI version.
  public var version: UInt8
  /// Maximum interpreted store block length; version 2 and later.
  public var imaxstbl: UInt16?

  init(_ raw: RawCapability) throws(CapabilityChainError) {
    typealias C = cvfio_device_info_cap_zpci_group
    // Version 1 ends where version 2 added `reserved` and `imaxstbl`.
    let version1Size = MemoryLayout<C>.offset(of: \C.reserved) ?? MemoryLayout<C>.size
    let c = try raw.load(C.self, requiring: raw.version >= 2 ? MemoryLayout<C>.size : version1Size)
    dasm = c.dasm
    msiAddress = c.msi_addr
    flags = c.flags
    mui = c.mui
    noi = c.noi
    maxstbl = c.maxstbl
    version = c.version
    imaxstbl = raw.version >= 2 ? c.imaxstbl : nil
  }
}

import CVFIO
import SystemPackage

/// How an iommufd charges pinned pages to `RLIMIT_MEMLOCK`: the value of
/// `IOMMU_OPTION_RLIMIT_MODE`, open to modes newer than the package.
@frozen
public struct IOMMUFDAccountingMode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt64

  @inlinable
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// Per user, like the type1 IOMMU (the default; value 0).
  public static var user: IOMMUFDAccountingMode { .init(rawValue: 0) }
  /// Per process (value 1).
  public static var process: IOMMUFDAccountingMode { .init(rawValue: 1) }

  public var description: String {
    switch self {
    case .user: "user"
    case .process: "process"
    default: "mode \(rawValue)"
    }
  }
}

/// The options of `IOMMU_OPTION` (`enum iommufd_option`).
internal enum IOMMUFDOption: UInt32 {
  case rlimitMode = 0
  case hugePages = 1

  var cValue: UInt32 {
    switch self {
    case .rlimitMode: UInt32(CVFIO_IOMMU_OPTION_RLIMIT_MODE)
    case .hugePages: UInt32(CVFIO_IOMMU_OPTION_HUGE_PAGES)
    }
  }
}

extension IOMMUFD {
  /// `IOMMU_OPTION` `IOMMU_OPTION_RLIMIT_MODE`: how this iommufd charges pinned pages.
  public func accountingMode() throws(VFIOError) -> IOMMUFDAccountingMode {
    IOMMUFDAccountingMode(rawValue: try descriptor.option(.rlimitMode, object: 0, on: target))
  }

  /// `IOMMU_OPTION` `IOMMU_OPTION_RLIMIT_MODE`: changes how this iommufd charges pinned pages;
  /// needs `CAP_SYS_RESOURCE` (`EPERM` without) and no pinned pages yet.
  public func setAccountingMode(_ mode: IOMMUFDAccountingMode) throws(VFIOError) {
    try descriptor.setOption(.rlimitMode, to: mode.rawValue, object: 0, on: target)
  }
}

extension iommu_option {
  /// The argument reading (`set` nil) or setting `option` of `object`.
  internal static func request(_ option: IOMMUFDOption, object: UInt32, set value: UInt64?) -> Self {
    var request = iommu_option()
    request.option_id = option.cValue
    request.op = UInt16(value == nil ? CVFIO_IOMMU_OPTION_OP_GET : CVFIO_IOMMU_OPTION_OP_SET)
    request.object_id = object
    request.val64 = value ?? 0
    return request
  }
}

extension VFIODescriptor where Request == IOMMUFDIoctl {
  internal func option(_ option: IOMMUFDOption, object: UInt32, on target: String) throws(VFIOError) -> UInt64 {
    var request = iommu_option.request(option, object: object, set: nil)
    try callIfSupported(.option, &request, on: "\(target), option \(option)")
    return request.val64
  }

  internal func setOption(_ option: IOMMUFDOption, to value: UInt64, object: UInt32, on target: String) throws(VFIOError) {
    var request = iommu_option.request(option, object: object, set: value)
    try callIfSupported(.option, &request, on: "\(target), option \(option) = \(value)")
  }
}

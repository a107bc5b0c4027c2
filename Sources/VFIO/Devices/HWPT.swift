import CVFIO
import SystemPackage

/// An iommufd hardware page table: the IOMMU domain devices attach to, made explicitly with
/// ``IOMMUFD/makeHWPT(device:pageTable:flags:)`` (for dirty tracking or as a nesting parent).
/// Destroyed when it goes out of scope (the kernel refuses while a device is still attached).
///
/// It keeps its own descriptor of the iommufd, so it outlives the ``IOMMUFD`` value it came
/// from. It may be used from several threads at once: the kernel serialises iommufd requests.
public struct HWPT: ~Copyable, Sendable {
  /// The page table's object id in its iommufd (`out_hwpt_id` of `IOMMU_HWPT_ALLOC`); attach a
  /// device to it with ``VFIODevice/attach(pageTable:pasid:)``.
  public let id: HWPTID
  internal let iommufd: OwnedDescriptor

  internal var descriptor: IOMMUFDDescriptor { IOMMUFDDescriptor(iommufd.fileDescriptor) }
  internal var target: String { "iommufd, \(id)" }

  internal init(id: HWPTID, iommufd: consuming OwnedDescriptor) {
    self.id = id
    self.iommufd = iommufd
  }

  deinit { try? descriptor.destroy(id.rawValue, on: target) }

  /// `IOMMU_HWPT_SET_DIRTY_TRACKING`: starts (`true`) or stops recording the pages devices
  /// write through this page table.
  ///
  /// - Throws: ``VFIOError/Reason/unsupported(_:)`` on a kernel without IOMMU dirty tracking
  ///   (`ENOTTY`, before Linux 6.7) or a page table not allocated with
  ///   ``HWPTAllocFlags/dirtyTracking`` (`EOPNOTSUPP`).
  public func setDirtyTracking(_ enabled: Bool) throws(VFIOError) {
    var request = iommu_hwpt_set_dirty_tracking.tracking(enabled, hwpt: id)
    try descriptor.callIfSupported(.hwptSetDirtyTracking, &request, on: target)
  }

  /// `IOMMU_HWPT_GET_DIRTY_BITMAP`: adds the pages devices wrote in `bitmap`'s range since the
  /// last read to `bitmap`.
  ///
  /// - Parameters:
  ///   - bitmap: Its base IOVA and length must be multiples of its page size, which the IOMMU's
  ///     page sizes must include (the kernel refuses others with `EINVAL`).
  ///   - clear: Whether the IOMMU forgets the pages it reported (the default); `false`
  ///     (`IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR`) reads without clearing, as before an unmap of
  ///     the same range.
  /// - Throws: ``VFIOError/Reason/unsupported(_:)`` where the kernel or the IOMMU cannot track.
  public func readDirtyPages(into bitmap: inout DirtyBitmap, clear: Bool = true) throws(VFIOError) {
    let place = "\(target), IOVA \(bitmap.baseIOVA) + \(bitmap.length)"
    try bitmap.withIOMMUFDDirtyBitmapArgument(hwpt: id, clear: clear) { (request) throws(VFIOError) in
      _ = try descriptor.callIfSupported(.hwptGetDirtyBitmap, &request, on: place)
    }
  }
}

extension iommu_hwpt_set_dirty_tracking {
  /// The argument that starts or stops dirty tracking on `hwpt`.
  internal static func tracking(_ enabled: Bool, hwpt: HWPTID) -> Self {
    var request = iommu_hwpt_set_dirty_tracking()
    request.flags = enabled ? UInt32(CVFIO_IOMMU_HWPT_DIRTY_TRACKING_ENABLE) : 0
    request.hwpt_id = hwpt.rawValue
    return request
  }
}

extension DirtyBitmap {
  /// Builds `IOMMU_HWPT_GET_DIRTY_BITMAP` for this bitmap's range and page size on `hwpt`, and
  /// passes it to `body` while the bitmap's words, which the kernel writes, stay valid.
  ///
  /// The kernel numbers bits from the bitmap's base IOVA (bit `n` stands for
  /// `baseIOVA + n * pageSize`), as ``DirtyBitmap`` does, and only sets bits.
  public mutating func withIOMMUFDDirtyBitmapArgument<Result, Failure: Error>(
    hwpt: HWPTID, clear: Bool = true, _ body: (inout iommu_hwpt_get_dirty_bitmap) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    let (iova, length, pageSize) = (baseIOVA, self.length, self.pageSize)
    return try withUnsafeMutableWords { (words) throws(Failure) -> Result in
      var request = iommu_hwpt_get_dirty_bitmap()
      request.hwpt_id = hwpt.rawValue
      request.flags = clear ? 0 : UInt32(CVFIO_IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR)
      request.iova = iova
      request.length = length
      request.page_size = pageSize
      request.data = UInt64(UInt(bitPattern: words.baseAddress))
      return try body(&request)
    }
  }
}

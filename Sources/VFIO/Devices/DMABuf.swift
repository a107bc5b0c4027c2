import SystemPackage

/// A dma-buf a device exported from ranges of one of its regions
/// (`VFIO_DEVICE_FEATURE_DMA_BUF`): hand its descriptor to another driver for
/// peer-to-peer DMA. Closed when it goes out of scope; the kernel revokes it when
/// the device is reset or closed.
public struct DMABuf: ~Copyable, Sendable {
  internal let owned: OwnedDescriptor

  internal init(adopting fd: FileDescriptor) { owned = OwnedDescriptor(fd) }

  /// The dma-buf's descriptor, valid while this value lives.
  public var fileDescriptor: FileDescriptor { owned.fileDescriptor }

  /// Closes the dma-buf, reporting what closing returned.
  public consuming func close() throws(VFIOError) {
    do { try owned.close() } catch { throw VFIOError(operation: "close", target: "dma-buf", errno: error) }
  }
}

/// A byte range of a device region (`struct vfio_region_dma_range`).
public struct RegionDMARange: Sendable, Hashable {
  /// Where the range starts in the region (`offset`).
  public var offset: UInt64
  /// Its length in bytes (`length`).
  public var length: UInt64

  /// `length` bytes from `offset` in the region.
  public init(offset: UInt64, length: UInt64) {
    self.offset = offset
    self.length = length
  }
}

import CVFIO

/// The argument of `VFIO_DEVICE_QUERY_GFX_PLANE`: a mediated GPU's display plane.
///
/// The 6.12 header names the tail padding `reserved`; the size (64) and the
/// Swift API are the same on both generations.
///
/// The C struct is `struct vfio_device_gfx_plane_info`; ``rawValue`` reaches every field.
public struct GFXPlaneInfo: VFIOStruct, Sendable {
  /// The C struct, unchanged: converting to and from it loses nothing.
  public var rawValue: vfio_device_gfx_plane_info

  /// Wraps `rawValue` as it is.
  @inlinable
  public init(rawValue: vfio_device_gfx_plane_info) { self.rawValue = rawValue }

  /// An argument with `argsz` set to the size of `struct vfio_device_gfx_plane_info` and the given fields.
  @inlinable
  public init(flags: GFXPlaneFlags, drmPlaneType: UInt32) {
    rawValue = vfio_device_gfx_plane_info()
    rawValue.argsz = UInt32(MemoryLayout<vfio_device_gfx_plane_info>.stride)
    self.flags = flags
    self.drmPlaneType = drmPlaneType
  }

  /// The size the caller offers the kernel; the initializer sets the size of the fixed part.
  @inlinable public var argsz: UInt32 { rawValue.argsz }

  /// The plane type asked for, with `probe` to only ask whether it is supported.
  @inlinable public var flags: GFXPlaneFlags {
    get { GFXPlaneFlags(rawValue: rawValue.flags) }
    set { rawValue.flags = newValue.rawValue }
  }

  /// The DRM plane type (`DRM_PLANE_TYPE_*`).
  @inlinable public var drmPlaneType: UInt32 {
    get { rawValue.drm_plane_type }
    set { rawValue.drm_plane_type = newValue }
  }

  /// The DRM fourcc pixel format.
  @inlinable public var drmFormat: UInt32 { rawValue.drm_format }

  /// The DRM format modifier (tiling).
  @inlinable public var drmFormatModifier: UInt64 { rawValue.drm_format_mod }

  /// The width in pixels.
  @inlinable public var width: UInt32 { rawValue.width }

  /// The height in pixels.
  @inlinable public var height: UInt32 { rawValue.height }

  /// The bytes per line.
  @inlinable public var stride: UInt32 { rawValue.stride }

  /// The plane's size in bytes.
  @inlinable public var size: UInt32 { rawValue.size }

  /// The cursor plane's horizontal position.
  @inlinable public var xPosition: UInt32 { rawValue.x_pos }

  /// The cursor plane's vertical position.
  @inlinable public var yPosition: UInt32 { rawValue.y_pos }

  /// The cursor hotspot's horizontal position.
  @inlinable public var xHotspot: UInt32 { rawValue.x_hot }

  /// The cursor hotspot's vertical position.
  @inlinable public var yHotspot: UInt32 { rawValue.y_hot }

  /// The region holding the plane (`GFXPlaneFlags.region`).
  @inlinable public var regionIndex: RegionIndex { RegionIndex(rawValue: rawValue.region_index) }

  /// The id to pass to `VFIO_DEVICE_GET_GFX_DMABUF` (`GFXPlaneFlags.dmabuf`); shares
  /// its bytes with `regionIndex`.
  @inlinable public var dmabufID: UInt32 { rawValue.dmabuf_id }
}

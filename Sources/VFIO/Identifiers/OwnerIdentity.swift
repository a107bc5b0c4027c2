/// Numbers naming each ``IOMMUFD`` and ``VFIODevice`` for the life of the process, carried by the
/// object ids and region infos they hand out: the kernel numbers objects per iommufd and regions per
/// device, so only the package can tell one iommufd's id 5 (or one device's BAR 0) from another's.
/// 0 is no known owner.
internal enum OwnerIdentity {
  private static let last = Locked<UInt64>(0)

  static func next() -> UInt64 {
    last.withLock { value in
      value += 1
      return value
    }
  }
}

/// Numbers naming each ``IOMMUFD`` for the life of the process, carried by the object ids it hands
/// out: the kernel numbers objects per iommufd, so only the package can tell one iommufd's id 5
/// from another's. 0 is no known owner.
internal enum OwnerIdentity {
  private static let last = Locked<UInt64>(0)

  static func next() -> UInt64 {
    last.withLock { value in
      value += 1
      return value
    }
  }
}

import SystemPackage

/// The IOAS object in the kernel, destroyed when the last of its ``IOAS`` and the devices
/// attached to it lets go.
internal final class IOASObject: Sendable {
  let id: IOASID
  let iommufd: OwnedDescriptor

  init(id: IOASID, iommufd: consuming OwnedDescriptor) {
    self.id = id
    self.iommufd = iommufd
  }

  // Runs before `iommufd` is closed: a class's stored properties outlive its deinit.
  deinit { try? IOMMUFDDescriptor(iommufd.fileDescriptor).destroy(id.rawValue, on: "iommufd, \(id)") }
}

/// The address spaces a device is attached to, kept alive while it is.
internal final class DeviceAttachments: Sendable {
  private let objects = Locked<[IOASObject]>([])

  func keep(_ object: IOASObject) { objects.withLock { $0.append(object) } }

  /// Lets go of every address space; the last holder destroys each outside the lock.
  func releaseAll() {
    let released = objects.withLock { objects -> [IOASObject] in
      defer { objects.removeAll() }
      return objects
    }
    _ = released
  }
}

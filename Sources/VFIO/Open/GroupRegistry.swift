/// The groups a container opened for its devices, kept open as long as the container, so a
/// second device of a group reuses it (a group node opens only once) and the IOMMU type is
/// set once, after the first group joins.
internal final class GroupRegistry {
  final class Entry {
    let group: VFIOGroup
    init(_ group: consuming VFIOGroup) { self.group = group }
  }

  var groups: [IOMMUGroupNumber: Entry] = [:]
  var iommuType: IOMMUType?
}

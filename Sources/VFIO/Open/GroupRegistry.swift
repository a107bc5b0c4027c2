
/// The groups a container opened for its devices, kept open as long as the container, so a
/// second device of a group reuses it (a group node opens only once) and the IOMMU type is
/// set once, after the first group joins.
///
/// Joining a group and setting the IOMMU type happen under its lock: two threads opening
/// devices of one container at once neither open a group twice nor set the type twice.
internal final class GroupRegistry: Sendable {
  final class Entry: Sendable {
    let group: VFIOGroup
    init(_ group: consuming VFIOGroup) { self.group = group }
  }

  struct State {
    var groups: [IOMMUGroupNumber: Entry] = [:]
    var iommuType: IOMMUType?
  }

  let state: Locked<State>

  /// A registry of no group, with the IOMMU type set already when `iommuType` is not nil.
  init(iommuType: IOMMUType? = nil) { state = Locked(State(iommuType: iommuType)) }

  /// Every group joined so far.
  var entries: [Entry] { state.withLock { Array($0.groups.values) } }
}

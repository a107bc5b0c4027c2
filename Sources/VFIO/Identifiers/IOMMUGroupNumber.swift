/// An IOMMU group's number: the `N` of `/dev/vfio/N` and of `/sys/kernel/iommu_groups/N`.
@frozen
public struct IOMMUGroupNumber: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt32
  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
  public var description: String { "group \(rawValue)" }
}

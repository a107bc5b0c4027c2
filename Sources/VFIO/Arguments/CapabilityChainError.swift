/// A capability chain that cannot be trusted, and where it goes wrong.
///
/// Offsets are byte offsets from the start of the info buffer, as `cap_offset`
/// and `next` are.
public enum CapabilityChainError: Error, Hashable, Sendable {
  /// The buffer (or its `argsz`) is shorter than the fixed info struct.
  case bufferShorterThanFixedStruct(size: Int, fixedSize: Int)
  /// `cap_offset` points into the fixed info struct that precedes the chain.
  case firstCapabilityInsideFixedStruct(offset: Int, fixedSize: Int)
  /// A capability header at `offset` (from `cap_offset` or a `next`) does not
  /// fit in the `size` valid bytes of the buffer.
  case headerOutOfBounds(offset: Int, size: Int)
  /// The `next` of the capability at `offset` points at that capability
  /// itself: following it would loop forever.
  case nextPointsToItself(offset: Int)
  /// The `next` of the capability at `offset` points backwards, which can
  /// form a cycle; the kernel only ever appends forwards.
  case nextPointsBackward(offset: Int, next: Int)
  /// The `next` of the capability at `offset` lands inside its own header.
  case nextOverlapsHeader(offset: Int, next: Int)
  /// The capability `id` at `offset` has `size` bytes, fewer than the
  /// `required` size of its C struct.
  case capabilityTooShort(id: UInt16, offset: Int, size: Int, required: Int)
  /// A count in the capability `id` at `offset` describes more bytes than the
  /// `available` ones after its fixed part (or more than an `Int` can hold).
  case arrayExceedsCapability(id: UInt16, offset: Int, count: UInt32, elementSize: Int, available: Int)
}

extension CapabilityChainError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .bufferShorterThanFixedStruct(let size, let fixed):
      "info buffer of \(size) bytes is shorter than its \(fixed)-byte fixed struct"
    case .firstCapabilityInsideFixedStruct(let offset, let fixed):
      "cap_offset \(offset) points inside the \(fixed)-byte fixed struct"
    case .headerOutOfBounds(let offset, let size):
      "capability header at offset \(offset) does not fit in \(size) bytes"
    case .nextPointsToItself(let offset):
      "capability at offset \(offset) has next pointing to itself"
    case .nextPointsBackward(let offset, let next):
      "capability at offset \(offset) has next \(next) pointing backwards"
    case .nextOverlapsHeader(let offset, let next):
      "capability at offset \(offset) has next \(next) inside its own header"
    case .capabilityTooShort(let id, let offset, let size, let required):
      "capability \(id) at offset \(offset) has \(size) bytes, needs \(required)"
    case .arrayExceedsCapability(let id, let offset, let count, let elementSize, let available):
      "capability \(id) at offset \(offset) counts \(count) elements of \(elementSize) bytes, but only \(available) bytes follow"
    }
  }
}

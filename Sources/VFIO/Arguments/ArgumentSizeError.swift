import SystemPackage

/// Why a variable-length argument could not be built or its size negotiated
/// with the kernel.
public enum ArgumentSizeError: Error, Hashable, Sendable {
  /// The payload size is negative, or the total does not fit `argsz` (a `__u32`).
  case payloadSizeOutOfRange(payloadSize: Int, fixedSize: Int)
  /// An argument's element count is zero or above the package's documented limit.
  case elementCountOutOfRange(count: Int, limit: Int)
  /// The ioctl failed.
  case system(Errno)
  /// The kernel reported an `argsz` smaller than the fixed struct it filled in.
  case reportedSizeBelowFixedStruct(reported: Int, fixedSize: Int)
  /// The kernel asked for more than the caller's limit.
  case reportedSizeAboveLimit(reported: Int, limit: Int)
  /// The kernel asked for a larger buffer on every attempt; `sizes` lists
  /// each size tried, then the one it asked for last.
  case reportedSizeKeptGrowing(sizes: [Int])
}

extension ArgumentSizeError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .payloadSizeOutOfRange(let payload, let fixed):
      "payload of \(payload) bytes after a \(fixed)-byte struct does not fit a 32-bit argsz"
    case .elementCountOutOfRange(let count, let limit): "\(count) elements: between 1 and \(limit) are allowed"
    case .system(let errno): "ioctl failed: \(errno)"
    case .reportedSizeBelowFixedStruct(let reported, let fixed):
      "kernel reported argsz \(reported), smaller than the \(fixed)-byte struct"
    case .reportedSizeAboveLimit(let reported, let limit):
      "kernel asked for argsz \(reported), above the limit of \(limit)"
    case .reportedSizeKeptGrowing(let sizes):
      "kernel asked for a larger argsz on every attempt: \(sizes.map(String.init).joined(separator: " → "))"
    }
  }
}

/// Why a request number could not be built or decoded.
public enum IoctlRequestError: Error, Hashable, Sendable {
  /// The type field is 8 bits wide.
  case typeOutOfRange(Int)
  /// The number field is 8 bits wide.
  case numberOutOfRange(Int)
  /// The argument size does not fit the encoding's size field.
  case sizeOutOfRange(size: Int, maximum: Int, encoding: IoctlEncoding)
  /// A request number uses bits above 31; the kernel would truncate it.
  case wideRequest(UInt)
  /// The direction bits hold a value the encoding never produces.
  case invalidDirection(field: UInt32, request: UInt32, encoding: IoctlEncoding)
  /// A request number that is not one of the ioctls being looked up.
  case unknownRequest(UInt32, encoding: IoctlEncoding)
}

extension IoctlRequestError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .typeOutOfRange(let type):
      "ioctl type \(type) does not fit the 8-bit type field (0...255)"
    case .numberOutOfRange(let number):
      "ioctl number \(number) does not fit the 8-bit number field (0...255)"
    case .sizeOutOfRange(let size, let maximum, let encoding):
      "ioctl argument size \(size) does not fit the \(encoding.sizeBits)-bit size field of the \(encoding) encoding (0...\(maximum))"
    case .wideRequest(let raw):
      "request 0x\(String(raw, radix: 16)) is wider than the kernel's 32-bit ioctl command"
    case .invalidDirection(let field, let request, let encoding):
      "request 0x\(String(request, radix: 16)) has direction bits \(field), which the \(encoding) encoding never produces"
    case .unknownRequest(let request, let encoding):
      "request 0x\(String(request, radix: 16)) is not a known ioctl in the \(encoding) encoding"
    }
  }
}

/// An ioctl request number and the fields it was built from.
///
/// Building validates every field: nothing is silently truncated, so a request
/// number always decodes back to the fields it was built from.
@frozen
public struct IoctlRequest: Hashable, Sendable {
  /// The architecture family's bit layout the number was built with.
  public let encoding: IoctlEncoding
  /// The data direction (`_IOC_DIR`): none for every VFIO request.
  public let direction: IoctlDirection
  /// The ioctl type (`_IOC_TYPE`): `';'` (0x3b) for VFIO and iommufd.
  public let type: UInt8
  /// The ioctl number (`_IOC_NR`): `VFIO_BASE + n` for VFIO.
  public let number: UInt8
  /// The argument size the request declares (`sizeof` the argument for `_IOR`/`_IOW`).
  public let size: Int
  /// The request number as the kernel sees it (`unsigned int cmd`).
  public let rawValue: UInt32

  /// Builds the request number, the way `_IOC(dir, type, nr, size)` does.
  public init(
    encoding: IoctlEncoding = .current,
    direction: IoctlDirection,
    type: Int,
    number: Int,
    size: Int = 0
  ) throws(IoctlRequestError) {
    guard (0...255).contains(type) else { throw .typeOutOfRange(type) }
    guard (0...255).contains(number) else { throw .numberOutOfRange(number) }
    guard (0...encoding.maximumSize).contains(size) else {
      throw .sizeOutOfRange(size: size, maximum: encoding.maximumSize, encoding: encoding)
    }
    self.init(
      unchecked: encoding, direction: direction, type: UInt8(type), number: UInt8(number),
      size: size)
  }

  /// Decodes a request number, the way `_IOC_DIR`/`_IOC_TYPE`/`_IOC_NR`/`_IOC_SIZE` do.
  public init(decoding request: UInt, encoding: IoctlEncoding = .current) throws(IoctlRequestError) {
    guard request <= UInt(UInt32.max) else { throw .wideRequest(request) }
    let raw = UInt32(request)
    let field = (raw >> UInt32(encoding.directionShift)) & ((1 << UInt32(encoding.directionBits)) - 1)
    guard let direction = encoding.direction(field: field) else {
      throw .invalidDirection(field: field, request: raw, encoding: encoding)
    }
    self.encoding = encoding
    self.direction = direction
    self.type = UInt8(truncatingIfNeeded: raw >> 8)
    self.number = UInt8(truncatingIfNeeded: raw)
    self.size = Int((raw >> UInt32(encoding.sizeShift)) & UInt32(encoding.maximumSize))
    self.rawValue = raw
  }

  /// For fields already known to fit: the VFIO table's `_IO` requests.
  @inlinable
  init(
    unchecked encoding: IoctlEncoding, direction: IoctlDirection, type: UInt8, number: UInt8,
    size: Int
  ) {
    self.encoding = encoding
    self.direction = direction
    self.type = type
    self.number = number
    self.size = size
    self.rawValue =
      encoding.directionField(direction) << UInt32(encoding.directionShift)
      | UInt32(truncatingIfNeeded: size) << UInt32(encoding.sizeShift)
      | UInt32(type) << 8
      | UInt32(number)
  }
}

extension IoctlRequest: CustomStringConvertible {
  /// `_IOWR('x', 5, 24) = 0xc0187805`, with the type as a character when it is printable.
  public var description: String {
    let scalar = Unicode.Scalar(type)
    let typeText =
      (0x21...0x7e).contains(type) ? "'\(Character(scalar))'" : "0x\(String(type, radix: 16))"
    let sizeText = direction.isEmpty ? "" : ", \(size)"
    return "\(direction)(\(typeText), \(number)\(sizeText)) = 0x\(String(rawValue, radix: 16))"
  }
}

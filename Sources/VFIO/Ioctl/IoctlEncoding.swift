/// How an architecture packs (direction, type, number, size) into a request number.
///
/// Every Linux architecture uses one of three layouts of `asm/ioctl.h`. All put
/// the number in bits 0–7 and the type in bits 8–15; they differ in the width of
/// the size field and in the bits that encode the direction.
public enum IoctlEncoding: String, CaseIterable, Hashable, Sendable {
  /// `asm-generic/ioctl.h`: 14 size bits, 2 direction bits, NONE=0 WRITE=1 READ=2.
  /// x86, arm, arm64, riscv, s390, loongarch, and most others.
  case generic

  /// 13 size bits, 3 direction bits, NONE=1 READ=2 WRITE=4: powerpc, mips, sparc, alpha.
  ///
  /// sparc lets sizes of 8192 and more spill into the NONE bit when the
  /// direction is READ or WRITE, and its `_IOC_SIZE` reports 0 for any `_IO`
  /// request; this encoding keeps to the 13 bits all four share.
  case powerPCFamily

  /// The generic layout with READ=1 WRITE=2: parisc.
  case parisc

  /// The encoding of the architecture this code was compiled for.
  @inlinable
  public static var current: IoctlEncoding {
    #if arch(powerpc) || arch(powerpc64) || arch(powerpc64le)
    .powerPCFamily
    #else
    .generic
    #endif
  }

  /// Width of the size field in bits.
  @inlinable
  public var sizeBits: Int {
    switch self {
    case .generic, .parisc: 14
    case .powerPCFamily: 13
    }
  }

  /// Width of the direction field in bits.
  @inlinable
  public var directionBits: Int {
    switch self {
    case .generic, .parisc: 2
    case .powerPCFamily: 3
    }
  }

  /// The largest argument size the size field can hold (16383 or 8191).
  @inlinable
  public var maximumSize: Int { (1 << sizeBits) - 1 }

  @inlinable
  var sizeShift: Int { 16 }

  @inlinable
  var directionShift: Int { 16 + sizeBits }

  /// The direction field's value for `direction`.
  @inlinable
  func directionField(_ direction: IoctlDirection) -> UInt32 {
    let read = direction.contains(.read)
    let write = direction.contains(.write)
    switch self {
    case .generic:
      return (write ? 1 : 0) | (read ? 2 : 0)
    case .parisc:
      return (read ? 1 : 0) | (write ? 2 : 0)
    case .powerPCFamily:
      if !read && !write { return 1 }
      return (read ? 2 : 0) | (write ? 4 : 0)
    }
  }

  /// The direction a field value stands for, or nil if the encoding never produces it.
  func direction(field: UInt32) -> IoctlDirection? {
    switch (self, field) {
    case (.generic, 0), (.parisc, 0), (.powerPCFamily, 1): []
    case (.generic, 1), (.parisc, 2), (.powerPCFamily, 4): .write
    case (.generic, 2), (.parisc, 1), (.powerPCFamily, 2): .read
    case (.generic, 3), (.parisc, 3), (.powerPCFamily, 6): [.read, .write]
    default: nil
    }
  }
}

extension IoctlEncoding {
  /// The encoding of a Linux architecture, by the names `uname -m`, Debian and
  /// LLVM triples use (`x86_64`, `ppc64el`, `powerpc64le`, `mips64el`, `hppa`…).
  public init?(architecture: String) {
    let arch = architecture.lowercased()
    if arch.hasPrefix("powerpc") || arch.hasPrefix("ppc") || arch.hasPrefix("mips")
      || arch.hasPrefix("sparc") || arch.hasPrefix("alpha")
    {
      self = .powerPCFamily
    } else if arch.hasPrefix("parisc") || arch.hasPrefix("hppa") {
      self = .parisc
    } else if Self.genericArchitectures.contains(where: { arch.hasPrefix($0) }) {
      self = .generic
    } else {
      return nil
    }
  }

  /// Architecture name prefixes that use `asm-generic/ioctl.h`.
  static let genericArchitectures = [
    "x86", "amd64", "i386", "i486", "i586", "i686", "x32", "arm", "aarch64",
    "riscv", "s390", "loongarch", "ia64", "m68k", "sh", "arc", "csky", "hexagon",
    "microblaze", "nios2", "openrisc", "xtensa", "um",
  ]
}

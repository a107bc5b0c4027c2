/// An architecture a header's ABI can be computed for, without running anything on it: clang is given
/// `-target` and, when the architecture is not the machine's own, Debian's cross `asm/` headers.
public struct ABITarget: Sendable, Hashable, CustomStringConvertible {
  /// The short name used on the command line.
  public let name: String
  /// The clang target triple.
  public let triple: String
  /// The Debian multiarch triple whose `/usr/<triple>/include` holds the cross `asm/` headers.
  let debianTriple: String
  /// The Debian package that installs those headers.
  let crossPackage: String
  let aliases: [String]

  public var description: String { name }

  /// The kernel's ioctl request layout on this architecture, as its `asm/ioctl.h` defines it.
  struct IoctlEncoding: Hashable {
    /// `_IOC_NONE`.
    var none: Int
    /// `_IOC_SIZEBITS`.
    var sizeBits: Int
    /// `_IOC_DIRBITS`.
    var directionBits: Int

    /// `asm-generic/ioctl.h`'s.
    static let generic = IoctlEncoding(none: 0, sizeBits: 14, directionBits: 2)
    /// POWER's (also MIPS', SPARC's and Alpha's): no-direction is a bit of its own.
    static let powerPC = IoctlEncoding(none: 1, sizeBits: 13, directionBits: 3)
  }

  /// The target's ioctl request layout.
  var ioctlEncoding: IoctlEncoding { self == .powerpc64le ? .powerPC : .generic }

  /// Whether a multiarch triple (`x86_64-linux-gnu`) names this target.
  func names(_ triple: String) -> Bool { triple == self.triple || triple == debianTriple || aliases.contains(triple) }

  /// x86-64 (`x86_64-linux-gnu`; also `amd64`).
  public static let x86_64 = ABITarget(
    name: "x86_64", triple: "x86_64-linux-gnu", debianTriple: "x86_64-linux-gnu",
    crossPackage: "linux-libc-dev-amd64-cross", aliases: ["amd64", "x86_64-linux-gnu"])
  /// 64-bit Arm (`aarch64-linux-gnu`; also `arm64`).
  public static let aarch64 = ABITarget(
    name: "aarch64", triple: "aarch64-linux-gnu", debianTriple: "aarch64-linux-gnu",
    crossPackage: "linux-libc-dev-arm64-cross", aliases: ["arm64", "aarch64-linux-gnu"])
  /// 32-bit x86 (`i386-linux-gnu`; also `i686`, `x86`): `__u64` aligned to 4, so some structs differ
  /// from x86-64.
  public static let i386 = ABITarget(
    name: "i386", triple: "i386-linux-gnu", debianTriple: "i686-linux-gnu",
    crossPackage: "linux-libc-dev-i386-cross", aliases: ["i686", "x86", "i386-linux-gnu", "i686-linux-gnu"])
  /// 64-bit little-endian POWER (`powerpc64le-linux-gnu`; also `ppc64le`, `ppc64el`).
  public static let powerpc64le = ABITarget(
    name: "powerpc64le", triple: "powerpc64le-linux-gnu", debianTriple: "powerpc64le-linux-gnu",
    crossPackage: "linux-libc-dev-ppc64el-cross", aliases: ["ppc64le", "ppc64el", "powerpc64le-linux-gnu"])
  /// IBM Z (`s390x-linux-gnu`).
  public static let s390x = ABITarget(
    name: "s390x", triple: "s390x-linux-gnu", debianTriple: "s390x-linux-gnu",
    crossPackage: "linux-libc-dev-s390x-cross", aliases: ["s390x-linux-gnu"])
  /// 64-bit RISC-V (`riscv64-linux-gnu`).
  public static let riscv64 = ABITarget(
    name: "riscv64", triple: "riscv64-linux-gnu", debianTriple: "riscv64-linux-gnu",
    crossPackage: "linux-libc-dev-riscv64-cross", aliases: ["riscv64-linux-gnu"])

  /// Every architecture `--target` accepts.
  public static let known: [ABITarget] = [.x86_64, .aarch64, .i386, .powerpc64le, .s390x, .riscv64]

  /// The architecture this program runs on, when it is one of ``known``.
  public static var host: ABITarget? {
    #if arch(x86_64)
      .x86_64
    #elseif arch(arm64)
      .aarch64
    #elseif arch(i386)
      .i386
    #elseif arch(powerpc64le)
      .powerpc64le
    #elseif arch(s390x)
      .s390x
    #elseif arch(riscv64)
      .riscv64
    #else
      nil
    #endif
  }

  /// Looks a target up by its name, an alias or its triple.
  public init(named text: String) throws(ABIError) {
    let wanted = text.lowercased()
    guard let found = Self.known.first(where: { $0.name == wanted || $0.aliases.contains(wanted) }) else {
      throw .unknownTarget(text)
    }
    self = found
  }

  private init(
    name: String, triple: String, debianTriple: String, crossPackage: String, aliases: [String]
  ) {
    self.name = name
    self.triple = triple
    self.debianTriple = debianTriple
    self.crossPackage = crossPackage
    self.aliases = aliases
  }
}

import ArgumentParser
import VFIO

struct IoctlsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ioctls",
    abstract: "List every VFIO and iommufd ioctl with the descriptor kind it is issued on and its request number.",
    discussion: """
      Request numbers differ between architectures (powerpc, mips, sparc and alpha \
      encode _IO differently), so name the architecture strace ran on with --arch. \
      The iommufd ioctls (<linux/iommufd.h>, fd kind iommufd) share VFIO's type ';'.
      """
  )

  @Option(
    help: ArgumentHelp(
      "Architecture whose request numbers to print (x86_64, aarch64, ppc64le, mips, sparc64, alpha, parisc…); default: this machine's.",
      valueName: "arch"))
  var arch: Architecture?

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  func run() {
    print(render())
  }

  /// The architecture this `vfio` was built for, as `uname -m` names it.
  private var hostArchitecture: String {
    #if arch(x86_64)
      "x86_64"
    #elseif arch(arm64)
      "aarch64"
    #elseif arch(riscv64)
      "riscv64"
    #elseif arch(s390x)
      "s390x"
    #elseif arch(powerpc64le)
      "ppc64le"
    #else
      "unknown"
    #endif
  }

  /// Every request the package knows: vfio.h's, then iommufd.h's.
  static let listed = VFIOIoctl.all

  /// The number as the header spells it: iommufd.h counts from its own base.
  static func number(_ ioctl: VFIOIoctl) -> String {
    ioctl.fileKind == .iommufd
      ? "IOMMUFD_CMD_BASE + \(ioctl.number - IOMMUFDIoctl.destroy.number)" : "VFIO_BASE + \(ioctl.offset)"
  }

  func render() -> String {
    let encoding = arch?.encoding ?? .current
    let architecture = arch?.name ?? hostArchitecture
    let rows = Self.listed.map { ioctl in
      Row(
        name: ioctl.name, fd: ioctl.fileKind.rawValue, number: Self.number(ioctl),
        request: "0x" + String(ioctl.request(for: encoding).rawValue, radix: 16))
    }
    return json
      ? Row.json(rows, architecture: architecture, encoding: encoding)
      : Row.table(rows, architecture: architecture, encoding: encoding)
  }
}

private struct Row {
  let name: String
  let fd: String
  let number: String
  let request: String

  static func table(_ rows: [Row], architecture: String, encoding: IoctlEncoding) -> String {
    let header = Row(name: "IOCTL", fd: "FD", number: "NUMBER", request: "REQUEST")
    let all = [header] + rows
    let widths = [
      all.map(\.name.count).max() ?? 0, all.map(\.fd.count).max() ?? 0,
      all.map(\.number.count).max() ?? 0,
    ]
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: width - text.count)
    }
    let lines = all.map { row in
      [pad(row.name, widths[0]), pad(row.fd, widths[1]), pad(row.number, widths[2]), row.request]
        .joined(separator: "  ")
    }
    return "# \(architecture): \(encoding) ioctl encoding\n" + lines.joined(separator: "\n")
  }

  static func json(_ rows: [Row], architecture: String, encoding: IoctlEncoding) -> String {
    let objects = rows.map { row in
      "{\"name\":\"\(row.name)\",\"fd\":\"\(row.fd)\",\"number\":\"\(row.number)\",\"request\":\"\(row.request)\"}"
    }
    return "{\"architecture\":\"\(architecture)\",\"encoding\":\"\(encoding)\",\"ioctls\":[\n" + objects.joined(separator: ",\n") + "\n]}"
  }
}

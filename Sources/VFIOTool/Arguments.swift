import ArgumentParser
import VFIO

/// `--arch`: an architecture name and the ioctl encoding it uses. Parsed by ArgumentParser, so an
/// unknown name prints the subcommand's usage.
struct Architecture: ExpressibleByArgument {
  let name: String
  let encoding: IoctlEncoding

  init?(argument: String) {
    guard let encoding = IoctlEncoding(architecture: argument) else { return nil }
    self.name = argument
    self.encoding = encoding
  }

  static var defaultCompletionKind: CompletionKind {
    .list(["x86_64", "aarch64", "riscv64", "s390x", "ppc64le", "powerpc", "mips", "sparc64", "alpha", "parisc"])
  }
}

/// A v2 migration state by its kebab-case name, C name or raw value.
struct StateArgument: ExpressibleByArgument {
  let state: MigrationState

  init?(argument: String) {
    guard let state = MigrationState(name: argument) else { return nil }
    self.state = state
  }

  static var defaultCompletionKind: CompletionKind {
    .list(MigrationState.allKnown.compactMap(\.name))
  }
}

/// Migration flags as a comma-separated list of `stop-copy`, `p2p`, `pre-copy` (or C names).
struct FlagsArgument: ExpressibleByArgument {
  let flags: MigrationFlags

  init(_ flags: MigrationFlags) { self.flags = flags }

  var defaultValueDescription: String { flags.names }

  init?(argument: String) {
    guard let flags = MigrationFlags(names: argument) else { return nil }
    self.flags = flags
  }
}

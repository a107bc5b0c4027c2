import ArgumentParser

@main
struct VFIOCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vfio",
    abstract: "VFIO from the command line: ioctl numbers, header ABI checks, devices.",
    version: packageVersion,
    subcommands: [IoctlsCommand.self, ABICommand.self, MigrationCommand.self, InspectCommand.self]
  )
}

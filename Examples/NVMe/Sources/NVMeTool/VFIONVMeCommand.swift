import ArgumentParser
import SystemPackage
import VFIONVMe

#if canImport(Glibc)
import Glibc
#endif

@main
struct VFIONVMeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vfio-nvme",
    abstract: "Drive an NVMe controller bound to vfio-pci from user space.",
    subcommands: [Info.self, Write.self, Read.self, Bench.self, Reset.self])
}

/// The device argument every subcommand takes.
struct DeviceArgument: ParsableArguments {
  @Argument(help: "A PCI address (0000:00:04.0, type1) or a cdev path (/dev/vfio/devices/vfio0, iommufd).")
  var device: String

  func open() throws(NVMeError) -> NVMeController { try NVMeController(opening: device) }
}

/// Runs `body`, printing a typed error on one line and exiting 1 on failure.
func reportingErrors(_ body: () throws(NVMeError) -> Void) throws {
  do throws(NVMeError) { try body() } catch {
    FileHandleStandardError.print("vfio-nvme: \(error)")
    throw ExitCode(1)
  }
}

enum FileHandleStandardError {
  static func print(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }
}

struct Info: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Identify the controller and namespace 1.")
  @OptionGroup var device: DeviceArgument

  func run() throws {
    try reportingErrors { () throws(NVMeError) in
      let identity = try device.open().identity
      print("model: \(identity.model)")
      print("serial: \(identity.serial)")
      print("namespace 1: \(identity.blockCount) blocks of \(identity.blockSize) bytes")
      print("queues: \(identity.ioQueuePairs)")
    }
  }
}

/// The options of read and write.
struct TransferOptions: ParsableArguments {
  @Option(help: "The first logical block.") var lba: UInt64
  @Option(help: "The number of logical blocks.") var blocks: Int
  @Option(help: "Threads, each with its own queue pair; the range is split evenly between them.") var threads = 1
  @Flag(help: "Complete by MSI-X interrupts instead of polling.") var irq = false

  func validate() throws {
    guard blocks >= 1 else { throw ValidationError("--blocks must be at least 1") }
    guard threads >= 1, threads <= 256 else { throw ValidationError("--threads must be 1 to 256") }
  }
}

struct Write: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Write a file's first blocks × block size bytes at an LBA, then flush.")
  @OptionGroup var device: DeviceArgument
  @OptionGroup var transfer: TransferOptions
  @Option(help: "The file to write from.") var from: String

  func run() throws {
    try reportingErrors { () throws(NVMeError) in
      let controller = try device.open()
      let bytes = transfer.blocks * controller.identity.blockSize
      let data = try readFile(from, count: bytes)
      let size = controller.identity.blockSize
      try onThreads(controller, transfer) { (queue, range) throws(NVMeError) in
        var failure: NVMeError?
        data[range.lowerBound * size..<range.upperBound * size].withUnsafeBytes { part in
          do throws(NVMeError) {
            try queue.write(lba: transfer.lba + UInt64(range.lowerBound), blocks: range.count, from: part)
          } catch {
            failure = error
          }
        }
        if let failure { throw failure }
        try queue.flush()
      }
    }
  }
}

struct Read: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Read blocks at an LBA into a file.")
  @OptionGroup var device: DeviceArgument
  @OptionGroup var transfer: TransferOptions
  @Option(help: "The file to write the blocks to.") var to: String

  func run() throws {
    try reportingErrors { () throws(NVMeError) in
      let controller = try device.open()
      let size = controller.identity.blockSize
      let shared = SharedBuffer(base: .allocate(byteCount: transfer.blocks * size, alignment: 4096))
      defer { shared.base.deallocate() }
      try onThreads(controller, transfer) { (queue, range) throws(NVMeError) in
        // Each thread fills only its own blocks of the shared buffer.
        try queue.read(
          lba: transfer.lba + UInt64(range.lowerBound), blocks: range.count,
          into: UnsafeMutableRawBufferPointer(rebasing: shared.base[range.lowerBound * size..<range.upperBound * size]))
      }
      try writeFile(to, UnsafeRawBufferPointer(shared.base))
    }
  }
}

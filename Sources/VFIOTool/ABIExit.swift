import ArgumentParser
import FoundationEssentials
import Glibc
import VFIOABI

/// The exit codes of every `vfio abi` command.
enum ABIExitCode: Int32 {
  case compatible = 0
  case breaking = 1
  case couldNotCheck = 2
}

enum ABIExit {
  /// Runs a command body and turns its verdict or its ``ABIError`` into the documented exit code,
  /// printing the error as one line on stderr.
  static func run(_ body: () throws(ABIError) -> ABIExitCode) throws(ExitCode) {
    let code: ABIExitCode
    do {
      code = try body()
    } catch {
      printError("vfio abi: \(error)")
      code = .couldNotCheck
    }
    if code != .compatible { throw ExitCode(code.rawValue) }
  }
}

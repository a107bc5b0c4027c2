import FoundationEssentials
import Glibc

extension ABIError {
  /// This error with clang's first error located in the header (``Clang/locatedInHeader(_:path:flags:)``);
  /// any other error is returned as it is.
  func locatedInHeader(path: String, flags: [String], clang: Clang) -> ABIError {
    guard case .headerDoesNotCompile(let header, let firstError) = self else { return self }
    return .headerDoesNotCompile(header: header, firstError: clang.locatedInHeader(firstError, path: path, flags: flags))
  }
}

extension Clang {
  /// The first error of the header at `path`, located in the header, where its writer looks: a header
  /// that leaves a declaration open (`struct s {` without its `}`) is reported where the unit including
  /// it ends, a file of this library's (`/proc/self/fd/vfio-abi-unit.c:4:49`) that the user never saw.
  /// The header is then compiled as clang's main file, which puts the error at the header's own end
  /// (`s.h:2:18: error: expected '}'`). Any other error is returned as it is.
  func locatedInHeader(_ firstError: String, path: String, flags: [String]) -> String {
    guard firstError.hasPrefix("/proc/"), !firstError.hasPrefix(path + ":"), !path.hasPrefix("/proc/") else { return firstError }
    let invocation = ChildProcess.Invocation(arguments: [executable] + flags + ["-fsyntax-only", "-x", "c", path])
    guard let output = try? ChildProcess.run([invocation])[0], output.status != 0 else { return firstError }
    let located = Clang.firstError(stderr: output.stderr, status: output.status)
    return located.hasPrefix(path + ":") ? located : firstError
  }
}

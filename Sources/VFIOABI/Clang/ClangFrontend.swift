import FoundationEssentials
import Glibc

/// The command line of clang's frontend (`clang -cc1 …`) for one set of flags, as the driver prints it
/// with `-###`. The frontend compiles every input it is given in one process, one after the other, each
/// with its own preprocessor and AST; the driver instead starts one process per input. Starting clang
/// (a binary of well over 100 MB) costs more than compiling a typical header, so handing many
/// translation units to one frontend is what makes whole include trees cheap.
struct ClangFrontend: Sendable {
  /// The frontend's arguments, the executable first, without an input.
  let arguments: [String]

  /// The input the driver is asked about; it is removed from the printed job.
  private static let placeholder = "/dev/null"

  /// Asks the driver; nil when it prints anything but exactly one frontend job for the placeholder
  /// input (then each translation unit goes through the driver on its own).
  static func ask(clang: Clang, flags: [String]) throws(ABIError) -> ClangFrontend? {
    let output = try clang.run([Clang.Run(arguments: flags + ["-###"], source: [])])[0]
    guard output.status == 0 else { return nil }
    let jobs = output.stderr.split(separator: UInt8(ascii: "\n")).filter { $0.starts(with: " \"".utf8) }
    guard jobs.count == 1, var arguments = Self.words(jobs[0]), arguments.count > 3, arguments[1] == "-cc1",
      arguments.last == "-", arguments[arguments.count - 3] == "-x"
    else { return nil }
    // The job reads `-x c -` (stdin, as ``Clang/run(_:)`` asks); the inputs come in its place.
    arguments.removeLast()
    if let name = arguments.firstIndex(of: "-main-file-name"), name + 1 < arguments.count {
      arguments.removeSubrange(name...(name + 1))
    }
    // The driver lets a single compilation end without freeing its memory; over many units that
    // memory would only grow, and fresh pages cost more than reused ones.
    arguments.removeAll { $0 == "-disable-free" }
    return ClangFrontend(arguments: arguments)
  }

  /// The words of one job line: each in double quotes after a space, `\` escaping the next byte.
  static func words(_ line: ArraySlice<UInt8>) -> [String]? {
    var words: [String] = []
    var index = line.startIndex
    while index < line.endIndex {
      guard line[index] == UInt8(ascii: " "),
        let word = line.quoted(at: index + 1, unescape: { text, at in at < text.endIndex ? (text[at], at + 1) : nil })
      else { return nil }
      words.append(String(decoding: word.bytes, as: UTF8.self))
      index = word.end
    }
    return words
  }
}

/// Frontend command lines already asked for, by clang and flags: a tree of headers asks once per side
/// and kind of run. A thread that needs a command line another thread is asking for waits for that
/// answer: tree mode's workers all start with the same two, and each driver costs about 10 ms.
final class ClangFrontendCache: Sendable {
  static let shared = ClangFrontendCache()

  private enum Entry {
    case asking
    case asked(ClangFrontend?)
  }

  private let entries = Locked<[[String]: Entry]>([:])

  func frontend(clang: Clang, flags: [String]) throws(ABIError) -> ClangFrontend? {
    let key = [clang.executable] + flags
    // Nil: this thread claimed the key and asks.
    let known = entries.withLock(when: { if case .asking = $0[key] { false } else { true } }) { entries -> ClangFrontend?? in
      if case .asked(let frontend) = entries[key] { return .some(frontend) }
      entries[key] = .asking
      return nil
    }
    if let known { return known }
    do throws(ABIError) {
      let asked = try ClangFrontend.ask(clang: clang, flags: flags)
      entries.withLock { $0[key] = .asked(asked) }
      return asked
    } catch {
      // A thread waiting for this answer asks for itself.
      entries.withLock { $0[key] = nil }
      throw error
    }
  }
}

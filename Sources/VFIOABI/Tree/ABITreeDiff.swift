import FoundationEssentials
import Glibc

/// Two include trees compared header by header, the job the kernel's `scripts/check-uapi.sh` does:
/// each header present in both is dumped from each tree (with that tree's own include path) and diffed,
/// unless its preprocessed text in the two trees already shows that the diff would be empty.
public struct ABITreeDiff: Sendable {
  /// What became of one header.
  public enum Outcome: Sendable {
    /// Dumped on both sides and diffed.
    case compared(ABIDiff)
    /// Nothing was dumped: the header compiles on its own, and its own declarations are the same because
    /// it preprocesses to the same text on both sides (relative to each tree; known without preprocessing
    /// when every file it can include is byte for byte the same in both trees), or to a new text that
    /// only adds declarations elsewhere that nothing in the old one names, or with its own lines the
    /// same and changes elsewhere only in what nothing they lead to names.
    case unchanged
    /// Only in the new tree.
    case added
    /// Only in the old tree: every declaration it made is gone.
    case removed
    /// clang rejects it on its own in one tree or both: which side and clang's first error.
    case notStandalone(side: String, firstError: String)
    /// Could not be checked for another reason.
    case failed(ABIError)
  }

  /// One header of either tree and what became of it.
  public struct Entry: Sendable {
    /// The header's path relative to the tree roots, e.g. `linux/vfio.h`.
    public let header: String
    /// What became of it.
    public let outcome: Outcome

    /// Whether the header breaks: a diff with a breaking finding, or removed.
    public var isBreaking: Bool {
      switch outcome {
      case .compared(let diff): diff.isBreaking
      case .removed: true
      default: false
      }
    }
  }

  /// The old tree.
  public let old: ABITree
  /// The new tree.
  public let new: ABITree
  /// The architecture every header was dumped for.
  public let target: ABITarget
  /// One entry per header of either tree, sorted by name.
  public let entries: [Entry]
  /// Files of either tree named like headers that are no regular file (see ``ABITree/Listing/skipped``),
  /// left unread.
  public let skipped: [String]

  /// Compares every header of the two trees (limited to `directories` when given, each of which must
  /// hold a header in one tree or the other) on `workers` threads.
  ///
  /// libclang starts a thread for each of its parses unless `LIBCLANG_NOTHREADS` is set; a program
  /// that sets it before it starts any thread (as `vfio abi` does) saves 3–6 % of tree mode's time.
  public init(
    old: ABITree, new: ABITree, target: ABITarget? = nil, directories: [String] = [],
    workers: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(ABIError) {
    try self.init(old: old, new: new, target: target, directories: directories, workers: workers, inProcess: true)
  }

  /// `inProcess` off checks and dumps every header through clang processes, as a toolchain without
  /// libclang does (``HeaderBatch/inProcess``); `judgesSources` off preprocesses even the headers whose
  /// source files are the same in both trees (``HeaderBatch/judgesSources``): tests compare each pair.
  init(
    old: ABITree, new: ABITree, target: ABITarget?, directories: [String], workers: Int, inProcess: Bool,
    judgesSources: Bool = true
  ) throws(ABIError) {
    guard let target = target ?? ABITarget.host else { throw .unknownTarget("this machine's architecture") }
    let clang = try Clang.locate()
    let oldListing = try old.listing(in: directories, target: target)
    let newListing = try new.listing(in: directories, target: target)
    let oldHeaders = oldListing.headers
    let newHeaders = newListing.headers
    // A selection that names nothing would pass a CI job that checks nothing.
    let named = Set((oldHeaders + newHeaders).map { String($0.prefix { $0 != "/" }) })
    let unmatched = directories.filter { !named.contains($0) }
    guard unmatched.isEmpty else { throw .noHeadersUnder(unmatched, old: old.root, new: new.root) }
    let oldOptions = try CompilerOptions(target: target, includeDirectories: old.includeDirectories(for: target))
    let newOptions = try CompilerOptions(target: target, includeDirectories: new.includeDirectories(for: target))
    let names = Array(Set(oldHeaders).union(newHeaders)).sorted()
    let oldSet = Set(oldHeaders)
    let newSet = Set(newHeaders)
    var oldBatch = HeaderBatch(clang: clang, options: oldOptions, target: target)
    var newBatch = HeaderBatch(clang: clang, options: newOptions, target: target)
    oldBatch.inProcess = inProcess
    newBatch.inProcess = inProcess
    oldBatch.judgesSources = judgesSources
    // Each chunk of the headers in both trees is settled from its preprocessed text where it can be
    // (``HeaderBatch/sameText(_:as:)``), which costs a fraction of two dumps; the rest are dumped in
    // each tree, reusing that text, as work of their own, so the last chunks' dumps spread over every
    // worker.
    let common = names.filter { oldSet.contains($0) && newSet.contains($0) }
    let compared = Self.outcomes(common, old: oldBatch, new: newBatch, workers: workers)
    var outcomes: [String: Outcome] = [:]
    for (name, outcome) in zip(common, compared) { outcomes[name] = outcome }
    // A header in one tree only is new or removed whatever it declares.
    for name in names where !oldSet.contains(name) || !newSet.contains(name) {
      outcomes[name] = oldSet.contains(name) ? .removed : .added
    }
    self.old = old
    self.new = new
    self.target = target
    skipped = oldListing.skipped + newListing.skipped
    entries = names.map { Entry(header: $0, outcome: outcomes[$0] ?? .failed(.processFailed("no result"))) }
  }

  /// Tree mode's work: settling a chunk of `names` (a range of positions) from its text, or dumping in
  /// both trees the headers that settling left, each with its two `-E -dD` texts when clang gave them.
  private enum Work: Sendable {
    case settle(Range<Int>)
    case dump([Unsettled])
  }

  /// A header settling left to be dumped: its position in `names`, and each side's `-E -dD` text.
  private typealias Unsettled = (index: Int, old: ArraySlice<UInt8>?, new: ArraySlice<UInt8>?)

  /// What became of each of `names`, all in both trees, on `workers` threads.
  private static func outcomes(_ names: [String], old: HeaderBatch, new: HeaderBatch, workers: Int) -> [Outcome] {
    let results = Locked([Outcome?](repeating: nil, count: names.count))
    let size = settlingChunkSize(total: names.count, workers: workers)
    let queue = WorkQueue(stride(from: 0, to: names.count, by: size).map { Work.settle($0..<min($0 + size, names.count)) })
    // Headers dumped in process cost a parse each, so each is work of its own; clang processes (no
    // libclang) answer a chunk's dumps together.
    let dumpsAlone = old.dumpsInProcess && new.dumpsInProcess
    queue.run(workers: workers) { work in
      switch work {
      case .settle(let range):
        var dumped: [Unsettled] = []
        for (index, sameness) in zip(range, old.sameText(Array(names[range]), as: new)) {
          switch sameness {
          case .settled(let firstError):
            let outcome = firstError.map { Outcome.notStandalone(side: "both", firstError: $0) } ?? .unchanged
            results.withLock { $0[index] = outcome }
          case .differs(let oldText, let newText): dumped.append((index, oldText, newText))
          }
        }
        if dumpsAlone {
          queue.add(dumped.map { .dump([$0]) })
        } else if !dumped.isEmpty {
          queue.add([.dump(dumped)])
        }
      case .dump(let dumped):
        let outcomes = Self.dumped(dumped.map { (names[$0.index], $0.old, $0.new) }, old: old, new: new)
        results.withLock { results in
          for (item, outcome) in zip(dumped, outcomes) { results[item.index] = outcome }
        }
      }
    }
    return results.withLock { $0.map { $0 ?? .failed(.processFailed("no result")) } }
  }

  /// Headers per settling chunk: two chunks per worker. Each chunk's `-E -dD` is one clang process per
  /// tree, and starting clang costs about 10 ms (loading and relocating a 160 MB executable), a fifth
  /// of what a chunk of 48 headers costs it; the dumps a chunk leaves are work items of their own, which
  /// keep every worker busy to the end whatever the chunks' size. Each unit of a running chunk holds a
  /// descriptor, so the chunks in flight (each worker's two clang processes) hold at most three
  /// quarters of what `RLIMIT_NOFILE` allows.
  static func settlingChunkSize(total: Int, workers: Int, descriptors: Int = openFileLimit) -> Int {
    let workers = max(1, workers)
    return max(1, min((total + 2 * workers - 1) / (2 * workers), descriptors / 4 * 3 / (2 * workers)))
  }

  /// How many descriptors this process may open (`RLIMIT_NOFILE`), 1024 when it cannot say.
  static var openFileLimit: Int {
    var limit = rlimit()
    return getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Int(clamping: limit.rlim_cur) : 1024
  }

  /// Headers dumped in both trees and diffed, each with its `-E -dD` text on each side when clang gave one.
  private static func dumped(
    _ dumped: [(name: String, old: ArraySlice<UInt8>?, new: ArraySlice<UInt8>?)], old: HeaderBatch, new: HeaderBatch
  ) -> [Outcome] {
    let headers = dumped.map { ABIHeader.installed($0.name) }
    // Only the new manifest's macros of included files matter, and of those only the old header's
    // constants (``HeaderBatch/Preprocessed``): half of a dump's questions are included files' macros.
    let oldManifests = old.manifests(headers, preprocessed: dumped.map { $0.old.map { .init(text: $0, includedMacros: []) } })
    let oldConstants = oldManifests.map { result in
      (try? result.get()).map { Set($0.macros.map(\.name) + $0.enumConstants.map(\.name)) } ?? []
    }
    let newManifests = new.manifests(
      headers, preprocessed: zip(dumped, oldConstants).map { item, names in item.new.map { .init(text: $0, includedMacros: names) } })
    return zip(oldManifests, newManifests).map { outcome(old: $0, new: $1) }
  }

  private static func outcome(old: Result<ABIManifest, ABIError>, new: Result<ABIManifest, ABIError>) -> Outcome {
    switch (old, new) {
    case (.success(let old), .success(let new)): return .compared(ABIDiff(old: old, new: new))
    case (.failure(let error), .success): return failure(error, side: "old")
    case (.success, .failure(let error)): return failure(error, side: "new")
    case (.failure(let error), .failure): return failure(error, side: "both")
    }
  }

  private static func failure(_ error: ABIError, side: String) -> Outcome {
    if case .headerDoesNotCompile(_, let firstError) = error { return .notStandalone(side: side, firstError: firstError) }
    return .failed(error)
  }

  /// Counts for the summary line. A new header counts as compatible and a removed one as breaking;
  /// `added` and `removed` say how many of those they were.
  public struct Summary: Sendable, Hashable, Codable {
    /// Headers of either tree.
    public var headers = 0
    /// Headers unchanged, compatible or new.
    public var compatible = 0
    /// Headers with a breaking finding, or removed.
    public var breaking = 0
    /// Headers clang rejects on their own in one tree or both.
    public var notStandalone = 0
    /// Of the compatible ones, headers only in the new tree.
    public var added = 0
    /// Of the breaking ones, headers only in the old tree.
    public var removed = 0
    /// Headers that could not be checked for another reason.
    public var failed = 0
  }

  /// The counts over ``entries``.
  public var summary: Summary {
    var summary = Summary()
    summary.headers = entries.count
    for entry in entries {
      switch entry.outcome {
      case .compared(let diff): if diff.isBreaking { summary.breaking += 1 } else { summary.compatible += 1 }
      case .unchanged: summary.compatible += 1
      case .added:
        summary.added += 1
        summary.compatible += 1
      case .removed:
        summary.removed += 1
        summary.breaking += 1
      case .notStandalone: summary.notStandalone += 1
      case .failed: summary.failed += 1
      }
    }
    return summary
  }

  /// Whether any header breaks: a breaking diff or a removed header.
  public var isBreaking: Bool { entries.contains(where: \.isBreaking) }
}

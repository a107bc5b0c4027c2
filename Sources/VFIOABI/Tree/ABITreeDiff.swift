import Foundation

/// Two include trees compared header by header, the job the kernel's `scripts/check-uapi.sh` does:
/// each header present in both is dumped from each tree (with that tree's own include path) and diffed.
public struct ABITreeDiff: Sendable {
  /// What became of one header.
  public enum Outcome: Sendable {
    /// Dumped on both sides and diffed.
    case compared(ABIDiff)
    /// Preprocessed to the same text on both sides (relative to each tree) and compiles on its own:
    /// the same declarations, so nothing was dumped.
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

  /// Compares every header of the two trees (limited to `directories` when given) on `workers` threads.
  public init(
    old: ABITree, new: ABITree, target: ABITarget? = nil, directories: [String] = [],
    workers: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(ABIError) {
    guard let target = target ?? ABITarget.host else { throw .unknownTarget("this machine's architecture") }
    let clang = try Clang.locate()
    let oldHeaders = try old.headers(in: directories)
    let newHeaders = try new.headers(in: directories)
    let oldOptions = try CompilerOptions(target: target, includeDirectories: old.includeDirectories(for: target))
    let newOptions = try CompilerOptions(target: target, includeDirectories: new.includeDirectories(for: target))
    let names = Array(Set(oldHeaders).union(newHeaders)).sorted()
    let oldSet = Set(oldHeaders)
    let newSet = Set(newHeaders)
    let oldBatch = HeaderBatch(clang: clang, options: oldOptions, target: target)
    let newBatch = HeaderBatch(clang: clang, options: newOptions, target: target)
    // A header that preprocesses to the same text in both trees declares the same things: asking
    // clang to preprocess both (and, when equal, to compile one) costs a fraction of two dumps.
    let common = names.filter { oldSet.contains($0) && newSet.contains($0) }
    let sameness = ParallelMap.inChunks([common], workers: workers) { chunk in oldBatch.sameText(chunk, as: newBatch) }
    var settled: [String: Outcome] = [:]
    for (name, result) in zip(common, sameness) {
      guard case .success(let answer) = result, answer.same else { continue }
      settled[name] = answer.firstError.map { .notStandalone(side: "both", firstError: $0) } ?? .unchanged
    }
    // One job per header side; both sides' chunks in one queue, so both cores stay busy to the end.
    let sides = [
      names.filter { settled[$0] == nil && oldSet.contains($0) }.map { (name: $0, isOld: true) },
      names.filter { settled[$0] == nil && newSet.contains($0) }.map { (name: $0, isOld: false) },
    ]
    let results = ParallelMap.inChunks(sides, workers: workers) { chunk in
      (chunk[0].isOld ? oldBatch : newBatch).manifests(chunk.map { ABIHeader.installed($0.name) })
    }
    var manifests: [String: (old: Result<ABIManifest, ABIError>?, new: Result<ABIManifest, ABIError>?)] = [:]
    for (job, result) in zip(sides.joined(), results) {
      if job.isOld { manifests[job.name, default: (nil, nil)].old = result } else { manifests[job.name, default: (nil, nil)].new = result }
    }
    self.old = old
    self.new = new
    self.target = target
    entries = names.map { name in
      if let outcome = settled[name] { return Entry(header: name, outcome: outcome) }
      let sides = manifests[name] ?? (nil, nil)
      return Entry(header: name, outcome: Self.outcome(old: sides.old, new: sides.new))
    }
  }

  private static func outcome(old: Result<ABIManifest, ABIError>?, new: Result<ABIManifest, ABIError>?) -> Outcome {
    switch (old, new) {
    case (nil, _?): return .added
    case (_?, nil): return .removed
    case (.success(let old)?, .success(let new)?): return .compared(ABIDiff(old: old, new: new))
    case (.failure(let error)?, .success?): return failure(error, side: "old")
    case (.success?, .failure(let error)?): return failure(error, side: "new")
    case (.failure(let error)?, .failure?): return failure(error, side: "both")
    case (nil, nil): return .failed(.processFailed("no result"))
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

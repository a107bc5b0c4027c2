import Glibc

extension ABIBaseline {
  /// The baseline a header generation is checked against.
  public struct Selection: Sendable {
    /// The baseline's generation, `6.12`.
    public var generation: String
    /// The baseline's manifest, read from the package's resources.
    public var manifest: ABIManifest
    /// Whether the baseline is of the header's own generation. Otherwise the header is newer (or
    /// older) than every baseline and `manifest` is the nearest one: a newer header must be
    /// compatible with it, and an equal one identical.
    public var exact: Bool
  }

  /// The committed baseline of `generation` (`6.12`, as `LinuxVersion.generation` spells it), or,
  /// when none is committed, the newest baseline older than it (the oldest when it is older than
  /// all).
  public static func select(for generation: String) throws(ABIError) -> Selection {
    let known = try generations()
    guard let newestKnown = known.last else { throw .baselineMissing("vfio-*.json") }
    if known.contains(generation) {
      return Selection(generation: generation, manifest: try manifest(generation: generation), exact: true)
    }
    let wanted = versionNumbers(generation)
    let nearest = known.last { !wanted.lexicographicallyPrecedes(versionNumbers($0)) } ?? known.first ?? newestKnown
    return Selection(generation: nearest, manifest: try manifest(generation: nearest), exact: false)
  }

  static func versionNumbers(_ generation: String) -> [Int] {
    generation.split(separator: ".").compactMap { Int($0) }
  }
}

extension ABIBaseline {
  /// The generation (`6.12`) of the kernel headers clang finds for `target` with
  /// `includeDirectories`, read from `LINUX_VERSION_CODE` in their `<linux/version.h>`; nil when
  /// the tree has no version header.
  public static func installedGeneration(target: ABITarget? = nil, includeDirectories: [String] = [])
    throws(ABIError) -> String?
  {
    try installedGeneration(batch: try HeaderBatch(target: target, includeDirectories: includeDirectories))
  }

  /// The generation of the `<linux/version.h>` `batch` finds: from its text where that alone decides
  /// it (``VersionHeader``), from its dump where not; nil when there is none.
  private static func installedGeneration(batch: HeaderBatch) throws(ABIError) -> String? {
    let version = ABIHeader.installed("linux/version.h")
    let resolved: ABIHeader.Resolved
    do {
      resolved = try version.resolve(searchPath: batch.options.searchPath)
    } catch .unreadableFile {
      return nil
    }
    if let descriptor = resolved.descriptor {
      close(descriptor)
    } else if let code = VersionHeader.code(atPath: resolved.path) {
      return generation(code: code)
    }
    switch batch.manifests([version])[0] {
    case .success(let manifest): return generation(of: manifest)
    case .failure(.unreadableFile): return nil
    case .failure(let error): throw error
    }
  }

  /// The generation `<linux/version.h>`'s `LINUX_VERSION_CODE` names, `6.12`.
  static func generation(of versionHeader: ABIManifest) -> String? {
    guard let code = versionHeader.macros.first(where: { $0.name == "LINUX_VERSION_CODE" }).flatMap({ Int($0.value) })
    else { return nil }
    return generation(code: code)
  }

  private static func generation(code: Int) -> String { "\(code >> 16).\((code >> 8) & 0xff)" }
}

extension ABIBaseline.Selection {
  /// The breaking findings of `diff` — a header compared with this selection's baseline — that the
  /// kernel's own changes do not explain.
  ///
  /// A header between two committed baselines (Linux 6.18 between 6.12 and 7.2, as distributions
  /// ship) may carry any break the kernel made between them, which the diff of the two baselines
  /// names: `VFIO_TYPE1_NESTING_IOMMU` renamed after 6.12 is the kernel's break, not a fault of
  /// the header. A header newer than every baseline may carry none. A finding is matched by its
  /// kind and declaration, whatever the values on either side.
  public func unexplainedBreaks(in diff: ABIDiff) throws(ABIError) -> [Finding] {
    let generations = try ABIBaseline.generations()
    var known: Set<String> = []
    if let index = generations.firstIndex(of: generation), index + 1 < generations.count {
      let next = try ABIBaseline.manifest(generation: generations[index + 1])
      known = Set(ABIDiff(old: manifest, new: next).findings.filter(\.breaking).map(Self.identity))
    }
    return diff.findings.filter { $0.breaking && !known.contains(Self.identity($0)) }
  }

  private static func identity(_ finding: Finding) -> String { "\(finding.kind.rawValue) \(finding.declaration)" }
}

extension ABIBaseline {
  /// A header's manifest and the generation of the kernel headers clang finds beside it (as
  /// ``installedGeneration(target:includeDirectories:)`` reads it, nil without a `<linux/version.h>`),
  /// dumped side by side on two threads that share one load of libclang, where a dump and then
  /// `installedGeneration` would run one after the other. The baseline the generation selects is read
  /// on the version header's thread while the other header's dump runs, for ``select(for:)`` to find.
  public static func dumpWithGeneration(
    header: ABIHeader, target: ABITarget? = nil, includeDirectories: [String] = []
  ) throws(ABIError) -> (manifest: ABIManifest, generation: String?) {
    let batch = try HeaderBatch(target: target, includeDirectories: includeDirectories)
    // What each thread gives: the header's manifest, or the generation.
    enum Part { case manifest(ABIManifest), generation(String?) }
    let parts = ParallelMap.run([true, false], workers: 2) { isHeader throws(ABIError) -> Part in
      if isHeader { return .manifest(try batch.manifests([header])[0].get()) }
      let generation = try installedGeneration(batch: batch)
      if let generation { _ = try? select(for: generation) }
      return .generation(generation)
    }
    guard case .manifest(let manifest) = try parts[0].get(), case .generation(let generation) = try parts[1].get() else {
      throw .unexpectedClangOutput("a side-by-side dump lost its parts")
    }
    return (manifest, generation)
  }
}

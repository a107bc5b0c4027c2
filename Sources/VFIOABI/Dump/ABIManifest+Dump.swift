import FoundationEssentials
import Glibc

extension ABIManifest {
  /// Describes a header as the toolchain's clang compiles it for `target`.
  ///
  /// Nothing is read from text meant for people. With the toolchain's libclang (beside its `clang`),
  /// one `clang -E -dD` process gives the header's macros, and one parse in this process of a unit that
  /// includes the header and asks every macro's value gives the rest: records, fields, types and enums
  /// from libclang's cursors, sizes, alignments and offsets from clang's record layout, enumerator
  /// values from its AST, macro values from the constants clang evaluates. Without libclang, three clang
  /// processes give the same: the header's JSON AST and its `-E -dD` at once, then the probe unit
  /// compiled to LLVM IR, asking every enumerator, size, alignment and offset too, with
  /// `-fdump-record-layouts-simple` for the offsets of bit-fields. Questions clang rejects (a macro
  /// that is a type or a string) are dropped.
  ///
  /// - Parameters:
  ///   - header: the installed header or file to describe.
  ///   - target: the architecture; this machine's when nil.
  ///   - includeDirectories: searched before the system include path (`-I`), e.g. a directory holding a
  ///     newer `linux/vfio.h`.
  public static func dump(
    header: ABIHeader, target: ABITarget? = nil, includeDirectories: [String] = []
  ) throws(ABIError) -> ABIManifest {
    let batch = try HeaderBatch(target: target, includeDirectories: includeDirectories)
    return try LargeStack.run { () throws(ABIError) in try batch.manifests([header])[0].get() }
  }
}

extension ABIManifest {
  /// Describes several headers at once, in the order given: clang compiles them in batches (one
  /// process per batch and kind of run), the batches on as many threads as there are cores.
  public static func dump(
    headers: [ABIHeader], target: ABITarget? = nil, includeDirectories: [String] = []
  ) throws(ABIError) -> [ABIManifest] {
    let batch = try HeaderBatch(target: target, includeDirectories: includeDirectories)
    let results = ParallelMap.inChunks([headers], workers: ProcessInfo.processInfo.activeProcessorCount) { chunk in
      batch.manifests(chunk)
    }
    var manifests: [ABIManifest] = []
    for result in results { manifests.append(try result.get()) }
    return manifests
  }
}

extension HeaderBatch {
  /// The batch of a dump for `target` (this machine's when nil), `includeDirectories` searched first.
  init(target: ABITarget?, includeDirectories: [String]) throws(ABIError) {
    guard let target = target ?? ABITarget.host else { throw .unknownTarget("this machine's architecture") }
    let includes = includeDirectories.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    self.init(clang: try Clang.locate(), options: try CompilerOptions(target: target, includeDirectories: includes), target: target)
  }
}

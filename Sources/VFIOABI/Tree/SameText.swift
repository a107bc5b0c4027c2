import FoundationEssentials
import Glibc

/// What tree mode learns of a header from its preprocessed text in both trees.
enum Sameness {
  /// The diff of its two manifests would be empty: nil when it compiles on its own, clang's first
  /// error when it does not.
  case settled(firstError: String?)
  /// To be dumped; each side's `-E -dD` output when clang gave one, for the dump to reuse.
  case differs(old: ArraySlice<UInt8>?, new: ArraySlice<UInt8>?)
}

extension HeaderBatch {
  /// Whether a header's own declarations mean the same to clang here (the old tree) as in `other` (the
  /// new one), judged from the preprocessed text, file names in line markers taken relative to each
  /// side's `-I` roots: the same text, or only harmless additions elsewhere (``TextChange``). When so,
  /// the diff of the two manifests is empty, and only whether the header compiles on its own remains to
  /// be asked. Headers that fail to preprocess differ (their dumps say why). A header whose source
  /// files are all the same in both trees (``SameSources``) has the same text without asking clang.
  func sameText(_ names: [String], as other: HeaderBatch) -> [Sameness] {
    var sources = SameSources(old: options.includeDirectories, new: other.options.includeDirectories)
    let same = judgesSources ? names.indices.filter { sources.same(names[$0]) } : []
    guard !same.isEmpty else { return preprocessedSameness(names, as: other) }
    let sameSet = Set(same)
    let rest = names.indices.filter { !sameSet.contains($0) }
    var results = [Sameness](repeating: .differs(old: nil, new: nil), count: names.count)
    for (index, sameness) in zip(rest, preprocessedSameness(rest.map { names[$0] }, as: other)) { results[index] = sameness }
    // The same text compiles in both trees or in neither. A header this cannot check is dumped, which
    // says why.
    do throws(ABIError) {
      let paths = try same.map { index throws(ABIError) in try Self.plainPath(names[index], searchPath: options.searchPath) }
      let plain = zip(same, paths).compactMap { index, path in path.map { (index, $0) } }
      for (item, error) in zip(plain, try firstErrors(plain.map(\.1), and: [], in: other).0) {
        results[item.0] = .settled(firstError: error)
      }
    } catch {}
    return results
  }

  /// ``sameText(_:as:)`` from the `-E -dD` texts of both trees.
  private func preprocessedSameness(_ names: [String], as other: HeaderBatch) -> [Sameness] {
    guard !names.isEmpty else { return [] }
    do throws(ABIError) {
      let plainMine = try names.map { name throws(ABIError) in try Self.plainPath(name, searchPath: options.searchPath) }
      let plainTheirs = try names.map { name throws(ABIError) in try Self.plainPath(name, searchPath: other.options.searchPath) }
      // A header handed over as a descriptor (a path `#include "…"` cannot spell) is dumped instead.
      guard !plainMine.contains(nil), !plainTheirs.contains(nil) else { return split(names, as: other) }
      let mine = plainMine.compactMap { $0 }
      let theirs = plainTheirs.compactMap { $0 }
      let sides = try Self.preprocessed(
        [(options.flags, mine.map(Self.includeUnit)), (other.options.flags, theirs.map(Self.includeUnit))], clang: clang)
      // A unit that fails to preprocess in either tree is dumped, which says why; the others are compared.
      let compared = names.indices.compactMap { index in
        sides[0][index].flatMap { ours in sides[1][index].map { (index: index, ours: ours, theirs: $0) } }
      }
      let changes = Self.textChanges(
        old: (compared.map(\.ours.text), units: compared.map(\.ours.unit), roots: IncludedFiles(roots: options.includeDirectories)),
        new: (compared.map(\.theirs.text), units: compared.map(\.theirs.unit), roots: IncludedFiles(roots: other.options.includeDirectories)))
      var results = [Sameness](repeating: .differs(old: nil, new: nil), count: names.count)
      for item in compared { results[item.index] = .differs(old: item.ours.text, new: item.theirs.text) }
      // The same text compiles in both trees or in neither; added declarations must compile in the new
      // one, where a header they break is left to the dumps to report; changes elsewhere that the header
      // never names leave its declarations the same once it compiles in both trees (an error on either
      // side is left to the dumps, which say which side). Each tree's checks run in one clang, both at once.
      let unchanged = compared.indices.filter { changes[$0] == .none }.map { compared[$0].index }
      let added = compared.indices.filter { changes[$0] == .additionsElsewhere }.map { compared[$0].index }
      let unnamed = compared.indices.filter { changes[$0] == .unnamedChangesElsewhere }.map { compared[$0].index }
      let (oldErrors, newErrors) = try firstErrors((unchanged + unnamed).map { mine[$0] }, and: (added + unnamed).map { theirs[$0] }, in: other)
      for (index, error) in zip(unchanged, oldErrors) {
        results[index] = .settled(firstError: error)
      }
      for (index, error) in zip(added, newErrors) where error == nil {
        results[index] = .settled(firstError: nil)
      }
      for (index, errors) in zip(unnamed, zip(oldErrors[unchanged.count...], newErrors[added.count...])) where errors.0 == nil && errors.1 == nil {
        results[index] = .settled(firstError: nil)
      }
      return results
    } catch {
      return split(names, as: other)
    }
  }

  /// The header's absolute path, or nil when it is handed over as a descriptor.
  private static func plainPath(_ name: String, searchPath: [String]) throws(ABIError) -> String? {
    let resolved = try ABIHeader.installed(name).resolve(searchPath: searchPath)
    if let descriptor = resolved.descriptor {
      close(descriptor)
      return nil
    }
    return HeaderBatch.absolute(resolved.path)
  }

  private func split(_ names: [String], as other: HeaderBatch) -> [Sameness] {
    guard names.count > 1 else { return [.differs(old: nil, new: nil)] }
    let half = names.count / 2
    return preprocessedSameness(Array(names[..<half]), as: other) + preprocessedSameness(Array(names[half...]), as: other)
  }

  /// One unit's `-E -dD` text and the name clang gave the unit in it.
  typealias PreprocessedUnit = (text: ArraySlice<UInt8>, unit: String)

  /// Each side's units preprocessed with its flags, nil for a unit that fails to preprocess; the sides'
  /// first runs are one clang process each, at once. A fatal error ends clang's work on the units after
  /// it, so only that side runs those again: the other side's texts are kept, and with them the work
  /// of a whole chunk of units.
  static func preprocessed(_ sides: [(flags: [String], units: [[UInt8]])], clang: Clang) throws(ABIError) -> [[PreprocessedUnit?]] {
    let outputs = try ClangBatch.run(sides.map { ClangBatch(flags: $0.flags + ["-E", "-dD"], units: $0.units) }, clang: clang)
    return try zip(sides, outputs).map { side, output throws(ABIError) in
      var done = side.units.count
      if output.status != 0 {
        guard let failing = output.firstFailingUnit() else { throw .unexpectedClangOutput("no unit failed: \(output.firstError)") }
        done = failing
      }
      guard let parts = output.preprocessedParts(upTo: done) else { throw .unexpectedClangOutput("a unit's output is missing") }
      let units: [PreprocessedUnit?] = zip(parts, output.names).map { ($0, $1) }
      guard done < side.units.count else { return units }
      let rest = Array(side.units[(done + 1)...])
      return units + [nil] + (rest.isEmpty ? [] : try preprocessed([(side.flags, rest)], clang: clang)[0])
    }
  }

  /// For each header of `paths` here and of `otherPaths` in `other` (by absolute path), nil when it
  /// compiles on its own, clang's first error when not, located in the header as a dump locates it
  /// (``Clang/locatedInHeader(_:path:flags:)``). Each unit is parsed by libclang in this
  /// process when the toolchain has it: no process to start, and each unit's errors are its own, so a
  /// failing header costs no second run of the units after it. Without libclang, the first try of each
  /// side is one clang process (``firstErrors(_:given:)``), the two at once.
  private func firstErrors(_ paths: [String], and otherPaths: [String], in other: HeaderBatch) throws(ABIError) -> ([String?], [String?]) {
    if inProcess, LibClang.exists(beside: clang), let library = LibClang.beside(clang) {
      return (try located(firstErrors(paths, library: library), paths), try other.located(other.firstErrors(otherPaths, library: library), otherPaths))
    }
    let sides = [(self, paths), (other, otherPaths)].filter { !$0.1.isEmpty }
    let outputs = try ClangBatch.run(sides.map { $0.0.syntaxCheck($0.1) }, clang: clang)
    var errors: [[String?]] = []
    for (side, output) in zip(sides, outputs) { errors.append(side.0.located(try side.0.firstErrors(side.1, given: output), side.1)) }
    return (paths.isEmpty ? [] : errors.removeFirst(), otherPaths.isEmpty ? [] : errors.removeFirst())
  }

  private func firstErrors(_ paths: [String], library: LibClang) throws(ABIError) -> [String?] {
    try paths.map { path throws(ABIError) in
      try library.parse(Self.includeUnit(path), name: InProcessDump.unitName, arguments: options.flags, spellChecking: true) {
        $0.errors.first?.text
      }
    }
  }

  /// `errors` with each one reported in a unit (a declaration the header leaves open ends there)
  /// moved to the header, as a dump's.
  private func located(_ errors: [String?], _ paths: [String]) -> [String?] {
    zip(errors, paths).map { error, path in error.map { clang.locatedInHeader($0, path: path, flags: options.flags) } }
  }

  private func syntaxCheck(_ paths: [String]) -> ClangBatch {
    ClangBatch(flags: options.flags + ["-fsyntax-only"], units: paths.map(Self.includeUnit))
  }

  /// For each header (by absolute path), nil when it compiles on its own, clang's first error when not;
  /// `given` is the output of ``syntaxCheck(_:)`` of these paths when it already ran.
  private func firstErrors(_ paths: [String], given: ClangBatch.Output? = nil) throws(ABIError) -> [String?] {
    guard !paths.isEmpty else { return [] }
    let output: ClangBatch.Output
    if let given { output = given } else { output = try ClangBatch.run([syntaxCheck(paths)], clang: clang)[0] }
    if output.status == 0 { return paths.map { _ in nil } }
    guard paths.count > 1 else { return [output.firstError] }
    // The units before the first failing one compiled, and its first error is the batch's.
    if let failing = output.firstFailingUnit() {
      return paths[..<failing].map { _ in nil } + [output.firstError] + (try firstErrors(Array(paths[(failing + 1)...])))
    }
    let half = paths.count / 2
    return try firstErrors(Array(paths[..<half])) + firstErrors(Array(paths[half...]))
  }

  /// How each header's `-E -dD` text in the old tree relates to its text in the new one (``TextChange``),
  /// each side's units named as clang named them and its files relative to its roots: every text
  /// normalized, the built-in macros read once when every unit of both sides opens with the same ones.
  static func textChanges(
    old: (texts: [ArraySlice<UInt8>], units: [String], roots: IncludedFiles),
    new: (texts: [ArraySlice<UInt8>], units: [String], roots: IncludedFiles)
  ) -> [TextChange] {
    let builtins = BuiltinMacros.shared(by: old.texts + new.texts)
    return old.texts.indices.map {
      TextChange(
        old: normalized(old.texts[$0], unit: old.units[$0], roots: old.roots, skipping: builtins?.sections[$0]),
        new: normalized(new.texts[$0], unit: new.units[$0], roots: new.roots, skipping: builtins?.sections[old.texts.count + $0]),
        builtins: builtins?.macros ?? .none)
    }
  }

  /// The preprocessed tokens and directives, which decide every declaration: blank lines and line
  /// numbers dropped (a comment that grew only moves what follows), the files entered and left named
  /// relative to their roots, the unit's own name (which differs by side) replaced by one that does not,
  /// a function-like macro's parameters named by their position (``CTokens/positionalParameters(_:)``);
  /// the built-in macros left out when `builtins` says where they are (``BuiltinMacros``).
  private static func normalized(
    _ output: ArraySlice<UInt8>, unit: String, roots: IncludedFiles, skipping builtins: Range<Int>?
  ) -> [PreprocessedLine] {
    var lines: [PreprocessedLine] = []
    let text = builtins.map { [output[..<$0.lowerBound], output[$0.upperBound...]] } ?? [output]
    for line in text.lazy.flatMap({ $0.split(separator: UInt8(ascii: "\n")) }) {
      guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { continue }
      guard line.first == UInt8(ascii: "#"), let marker = LineMarker(line) else {
        lines.append(.text(line.first == UInt8(ascii: "#") ? CTokens.positionalParameters(line) : line))
        continue
      }
      guard marker.flags.contains(1) || marker.flags.contains(2) else { continue }
      let name = marker.file == unit ? AttributedText.unit : roots.name(of: marker.file) ?? marker.file
      lines.append(.marker(file: name, flags: marker.flags))
    }
    return lines
  }
}

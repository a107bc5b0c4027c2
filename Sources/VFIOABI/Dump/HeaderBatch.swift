import FoundationEssentials
import Glibc

/// Many headers dumped together. With libclang, each header is parsed in this process (see
/// ``InProcessDump``) after one `-E -dD` process for the batch. Without it, each of the three kinds of
/// clang run (JSON AST, `-E -dD`, probe) is one process for the whole batch (see ``ClangBatch``). Either
/// way each header is a translation unit of its own that includes it, so every header is compiled
/// exactly as it is alone.
///
/// In a clang process, a header that does not compile may stop clang from reporting errors in the units after it (a fatal
/// error silences the rest). clang reports units in order, so the units before the first error compiled,
/// the header that error belongs to fails with it, and only the units after it run again; when the error
/// names no unit, the batch is split in two and each half run again, down to single headers.
struct HeaderBatch {
  let clang: Clang
  let options: CompilerOptions
  let target: ABITarget
  /// Whether headers are read and probe units compiled by libclang in this process when the toolchain
  /// has it (the manifests are the same; clang processes and their JSON ASTs cost more). Tests turn
  /// it off to compare the two.
  var inProcess = true
  /// Whether tree mode knows a header unchanged without preprocessing it when its source files are
  /// all the same in both trees (``SameSources``); tests turn it off to compare.
  var judgesSources = true

  /// Whether dumps run in this process, each header a libclang parse of its own.
  var dumpsInProcess: Bool { inProcess && LibClang.exists(beside: clang) }

  /// A header's `clang -E -dD` output with these options, already at hand (tree mode has it), so that
  /// clang is not asked again; and which macros of the files it includes the manifest lists in
  /// ``ABIManifest/included``, nil for all of them. Each one listed is a question its unit asks, and
  /// the diff looks there only for a constant the old header had (``ABIDiff``), so tree mode asks
  /// none on the old side and only the old header's names on the new one.
  struct Preprocessed {
    var text: ArraySlice<UInt8>
    var includedMacros: Set<String>?
  }

  /// The manifest of each header, in order, from its `-E -dD` output when `preprocessed` gives it.
  func manifests(_ headers: [ABIHeader], preprocessed: [Preprocessed?]? = nil) -> [Result<ABIManifest, ABIError>] {
    let viaLibClang = dumpsInProcess
    var results = [Result<ABIManifest, ABIError>?](repeating: nil, count: headers.count)
    var resolved: [(index: Int, header: ABIHeader, resolved: ABIHeader.Resolved, preprocessed: Preprocessed?)] = []
    defer { resolved.forEach { if let descriptor = $0.resolved.descriptor { close(descriptor) } } }
    for (index, header) in headers.enumerated() {
      do throws(ABIError) {
        resolved.append((index, header, try header.resolve(searchPath: options.searchPath), preprocessed?[index]))
      } catch {
        results[index] = .failure(error)
      }
    }
    // Units of one clang run share its flags; a header file brings its own directory's.
    var groups: [[String]: [Int]] = [:]
    for (position, item) in resolved.enumerated() { groups[item.resolved.flags, default: []].append(position) }
    for (flags, positions) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
      let members = positions.map { resolved[$0] }
      let items = members.map { ($0.header, $0.resolved, $0.preprocessed) }
      if viaLibClang, let manifests = manifests(items, flags: options.flags + flags, library: { LibClang.beside(clang) }) {
        for (member, manifest) in zip(members, manifests) { results[member.index] = manifest }
        continue
      }
      let found = discover(items, flags: options.flags + flags)
      var dumps: [(index: Int, header: ABIHeader, discovered: Discovered)] = []
      for (member, result) in zip(members, found) {
        switch result {
        case .success(let discovered): dumps.append((member.index, member.header, discovered))
        case .failure(let error): results[member.index] = .failure(error)
        }
      }
      let answers = ProbeAnswers.batch(
        dumps.map { ProbeAnswers.Question(unit: $0.discovered.unit, header: $0.discovered.headerFile, description: $0.header.description) },
        clang: clang, flags: options.flags + flags)
      for (dump, answer) in zip(dumps, answers) {
        results[dump.index] = answer.flatMap { answers in
          Result { () throws(ABIError) in try dump.discovered.manifest(header: dump.header, target: target, answers: answers) }
        }
      }
    }
    for item in resolved {
      guard case .failure(let error) = results[item.index] else { continue }
      let flags = options.flags + item.resolved.flags
      results[item.index] = .failure(error.locatedInHeader(path: Self.absolute(item.resolved.path), flags: flags, clang: clang))
    }
    return results.map { $0 ?? .failure(.processFailed("no result")) }
  }

  /// What the AST and the preprocessor say a header declares, and the questions to ask clang about it.
  struct Discovered {
    var headerFile: String
    var declarations: HeaderDeclarations
    var definitions: MacroDefinitions
    var unit: ProbeUnit
  }

  /// The JSON AST and `-E -dD` of each header, at once (only the AST when every `-E -dD` is given).
  private func discover(
    _ headers: [(header: ABIHeader, resolved: ABIHeader.Resolved, preprocessed: Preprocessed?)], flags: [String]
  ) -> [Result<Discovered, ABIError>] {
    guard !headers.isEmpty else { return [] }
    let paths = headers.map { Self.absolute($0.resolved.path) }
    let units = paths.map(Self.includeUnit)
    do throws(ABIError) {
      let given = headers.compactMap(\.preprocessed?.text)
      var batches = [ClangBatch(flags: flags + ["-fsyntax-only", "-Xclang", "-ast-dump=json"], units: units)]
      if given.count < headers.count { batches.append(ClangBatch(flags: flags + ["-E", "-dD"], units: units)) }
      let outputs = try ClangBatch.run(batches, clang: clang)
      // clang reports units in order, so the units before the first failing one compiled; the errors of
      // those after it may have been silenced (a fatal error does that), so they run again.
      var compiled = headers.count
      var failure: ABIError?
      if outputs[0].status != 0 {
        let error = ABIError.headerDoesNotCompile(header: headers[0].header.description, firstError: outputs[0].firstError)
        guard headers.count > 1 else { throw error }
        guard let failing = outputs[0].firstFailingUnit() else { throw error }
        compiled = failing
        failure = .headerDoesNotCompile(header: headers[failing].header.description, firstError: outputs[0].firstError)
      }
      let tooDeep = ABIError.unsupportedHeader(
        "declarations nested more than \(HeaderDeclarations.nestingLimit) deep (clang's AST is deeper than \(HeaderDeclarations.astDepthLimit))")
      let parts: [ArraySlice<UInt8>]
      if given.count == headers.count {
        parts = given
      } else {
        guard outputs[1].status == 0 || failure != nil, let preprocessed = outputs[1].preprocessedParts(upTo: compiled) else {
          throw .unexpectedClangOutput("no preprocessor output: \(outputs[1].firstError)")
        }
        parts = preprocessed
      }
      var found: [Result<Discovered, ABIError>] = []
      // Each AST becomes declarations as soon as it is read, so one batch holds one AST's values at a time.
      try JSONParser.forEach(outputs[0].stdout, limit: compiled, depthLimit: HeaderDeclarations.astDepthLimit, tooDeep: tooDeep) {
        ast throws(ABIError) in
        let index = found.count
        let item = headers[index]
        let included = IncludedFiles(roots: options.includeDirectories + (item.resolved.directory.map { [$0] } ?? []))
        let declarations = try HeaderDeclarations(dump: ast, headerFile: paths[index], included: included)
        let definitions = MacroDefinitions(preprocessed: Array(parts[index]), headerFile: paths[index], included: included)
          .keepingIncluded(item.preprocessed?.includedMacros)
        found.append(.success(Discovered(
          headerFile: paths[index], declarations: declarations, definitions: definitions,
          unit: ProbeUnit(declarations: declarations, definitions: definitions))))
      }
      guard found.count == compiled else { throw .unexpectedClangOutput("\(found.count) AST dumps for \(compiled) headers") }
      guard let failure else { return found }
      return found + [.failure(failure)] + discover(Array(headers[(compiled + 1)...]), flags: flags)
    } catch {
      guard headers.count > 1 else { return [.failure(error)] }
      let half = headers.count / 2
      return discover(Array(headers[..<half]), flags: flags) + discover(Array(headers[half...]), flags: flags)
    }
  }

  /// A unit includes the header as `-include` would, by an absolute path: `-include` looks in the
  /// working directory first, an `#include` in the unit's.
  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  /// A unit that only includes the header at `path` (absolute).
  static func includeUnit(_ path: String) -> [UInt8] { Array("#include \"\(path)\"\n".utf8) }
}

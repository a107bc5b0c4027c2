extension HeaderBatch {
  /// Each header's manifest from libclang in this process (see ``InProcessDump``), its macros from one
  /// `clang -E -dD` process for the group (none when every `-E -dD` is given); nil when `library`
  /// gives no libclang. A header's error is its own: each unit is parsed alone.
  func manifests(
    _ headers: [(header: ABIHeader, resolved: ABIHeader.Resolved, preprocessed: ArraySlice<UInt8>?)], flags: [String],
    library: () -> LibClang?
  ) -> [Result<ABIManifest, ABIError>]? {
    let paths = headers.map { Self.absolute($0.resolved.path) }
    // clang preprocesses while libclang loads (see ``LibClang/preload(beside:)``).
    let wanted = headers.indices.filter { headers[$0].preprocessed == nil }
    var parts: [Int: Result<ArraySlice<UInt8>, ABIError>] = [:]
    for (index, part) in zip(wanted, preprocessed(wanted.map { paths[$0] }, flags: flags)) { parts[index] = part }
    guard let library = library() else { return nil }
    return headers.indices.map { index in
      let given = headers[index].preprocessed.map { Result<ArraySlice<UInt8>, ABIError>.success($0) }
      return (given ?? parts[index] ?? .failure(.unexpectedClangOutput("no preprocessor output"))).flatMap { text in
        let included = IncludedFiles(roots: options.includeDirectories + (headers[index].resolved.directory.map { [$0] } ?? []))
        return InProcessDump.manifest(
          header: headers[index].header, headerFile: paths[index],
          definitions: MacroDefinitions(preprocessed: Array(text), headerFile: paths[index], included: included),
          included: included, target: target, library: library, flags: flags)
      }
    }
  }

  /// The `-E -dD` output of a unit including each header, from one clang process; each alone when its
  /// output cannot be split among them.
  private func preprocessed(_ paths: [String], flags: [String]) -> [Result<ArraySlice<UInt8>, ABIError>] {
    guard !paths.isEmpty else { return [] }
    // Two units (check's header and its <linux/version.h>) cost two processes either way — the
    // driver asked for the frontend's command line (`-###`), then the frontend — so each goes through
    // the driver, both at once.
    if paths.count == 2 {
      do throws(ABIError) {
        let outputs = try ClangBatch.run(
          paths.map { ClangBatch(flags: flags + ["-E", "-dD"], units: [Self.includeUnit($0)]) }, clang: clang)
        if let parts = outputs.map({ $0.preprocessedParts()?.first }) as? [ArraySlice<UInt8>] {
          return parts.map { .success($0) }
        }
      } catch {
        return paths.map { _ in .failure(error) }
      }
      return paths.flatMap { preprocessed([$0], flags: flags) }
    }
    do throws(ABIError) {
      let batch = ClangBatch(flags: flags + ["-E", "-dD"], units: paths.map(Self.includeUnit))
      let output = try ClangBatch.run([batch], clang: clang)[0]
      // A unit that fails stops neither the output of the others nor their markers; its own part is
      // never read, as libclang finds the same error.
      if let parts = output.preprocessedParts() { return parts.map { .success($0) } }
      guard paths.count > 1 else { throw .unexpectedClangOutput("no preprocessor output: \(output.firstError)") }
      return paths.flatMap { preprocessed([$0], flags: flags) }
    } catch {
      return paths.map { _ in .failure(error) }
    }
  }
}

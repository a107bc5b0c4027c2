extension HeaderBatch {
  /// Each header's manifest from libclang in this process (see ``InProcessDump``), its macros from the
  /// preprocessing record of the parse that asks their values (see ``MacroRecords``), or from `-E -dD`
  /// output when it is given; nil when `library` gives no libclang. A header's error is its own: each
  /// unit is parsed alone.
  func manifests(
    _ headers: [(header: ABIHeader, resolved: ABIHeader.Resolved, preprocessed: Preprocessed?)], flags: [String],
    library: () -> LibClang?
  ) -> [Result<ABIManifest, ABIError>]? {
    // Each header's macros first: reading its text, when they must be guessed, overlaps libclang's
    // load on another thread (which `check`'s first parse waits for); without libclang it is wasted,
    // as clang processes then find the macros.
    let prepared = headers.map { item in
      let path = Self.absolute(item.resolved.path)
      let included = IncludedFiles(roots: options.includeDirectories + (item.resolved.directory.map { [$0] } ?? []))
      // From `-E -dD` when given; otherwise from the probe unit's own preprocessing record.
      let macros: InProcessDump.Macros = item.preprocessed.map {
        .known(
          MacroDefinitions(preprocessed: Array($0.text), headerFile: path, included: included).keepingIncluded($0.includedMacros),
          checkingDefined: false)
      } ?? .guessed(MacroCandidates(header: path, included: included, searchPath: options.searchPath))
      return (item.header, path, included, macros)
    }
    guard let library = library() else { return nil }
    return prepared.map { header, path, included, macros in
      InProcessDump.manifest(
        header: header, headerFile: path, macros: macros, included: included, target: target, library: library, flags: flags)
    }
  }
}

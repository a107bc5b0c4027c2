extension HeaderBatch {
  /// Each header's manifest from libclang in this process (see ``InProcessDump``), its macros from a
  /// parse of its own that keeps clang's preprocessing record (see ``MacroRecords``), or from `-E -dD`
  /// output when it is given; nil when `library` gives no libclang. A header's error is its own: each
  /// unit is parsed alone.
  func manifests(
    _ headers: [(header: ABIHeader, resolved: ABIHeader.Resolved, preprocessed: ArraySlice<UInt8>?)], flags: [String],
    library: () -> LibClang?
  ) -> [Result<ABIManifest, ABIError>]? {
    guard let library = library() else { return nil }
    return headers.map { item in
      let path = Self.absolute(item.resolved.path)
      let included = IncludedFiles(roots: options.includeDirectories + (item.resolved.directory.map { [$0] } ?? []))
      let found: Result<(MacroDefinitions, Bool), ABIError>
      if let text = item.preprocessed {
        found = .success((MacroDefinitions(preprocessed: Array(text), headerFile: path, included: included), false))
      } else {
        found = Result { () throws(ABIError) in
          let records = try MacroRecords.parse(header: path, flags: flags, included: included, library: library)
          return (records.definitions, records.mayUndefine)
        }
      }
      return found.flatMap { definitions, checkingDefined in
        InProcessDump.manifest(
          header: item.header, headerFile: path, definitions: definitions, checkingDefined: checkingDefined,
          included: included, target: target, library: library, flags: flags)
      }
    }
  }
}

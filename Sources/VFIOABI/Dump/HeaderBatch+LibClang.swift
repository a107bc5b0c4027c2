extension HeaderBatch {
  /// What each header declares, from libclang's parse of its unit in this process, and its macros
  /// from one `clang -E -dD` process (none when every `-E -dD` is given); nil when `library` gives
  /// no libclang. A header's error is its own: each unit is parsed alone.
  func discover(
    _ headers: [(header: ABIHeader, resolved: ABIHeader.Resolved, preprocessed: ArraySlice<UInt8>?)], flags: [String],
    library: () -> LibClang?
  ) -> [Result<Discovered, ABIError>]? {
    let paths = headers.map { Self.absolute($0.resolved.path) }
    // clang preprocesses while libclang parses; a header that does not compile needs no macros, but
    // waiting to know which those are would cost more than preprocessing them.
    let wanted = headers.indices.filter { headers[$0].preprocessed == nil }
    // clang starts first: loading libclang, the first time, takes about as long.
    let preprocessing = wanted.isEmpty ? nil : Background { [self] in preprocessed(wanted.map { paths[$0] }, flags: flags) }
    guard let library = library() else {
      _ = preprocessing?.wait()
      return nil
    }
    let declarations = headers.indices.map { index in
      let item = headers[index]
      let included = IncludedFiles(roots: options.includeDirectories + (item.resolved.directory.map { [$0] } ?? []))
      return Result { () throws(ABIError) -> HeaderDeclarations in
        try library.parse(Self.includeUnit(paths[index]), name: "/proc/self/fd/vfio-abi-unit.c", arguments: flags) {
          unit throws(ABIError) in
          if let error = unit.errors.first {
            throw .headerDoesNotCompile(header: item.header.description, firstError: error.text)
          }
          return try HeaderDeclarations(unit: unit, headerFile: paths[index], included: included)
        }
      }
    }
    var parts: [Int: Result<ArraySlice<UInt8>, ABIError>] = [:]
    for (index, part) in zip(wanted, preprocessing?.wait() ?? []) { parts[index] = part }
    return headers.indices.map { index in
      declarations[index].flatMap { declarations in
        let given = headers[index].preprocessed.map { Result<ArraySlice<UInt8>, ABIError>.success($0) }
        return (given ?? parts[index] ?? .failure(.unexpectedClangOutput("no preprocessor output"))).map { text in
          let included = IncludedFiles(
            roots: options.includeDirectories + (headers[index].resolved.directory.map { [$0] } ?? []))
          let definitions = MacroDefinitions(preprocessed: Array(text), headerFile: paths[index], included: included)
          return Discovered(
            headerFile: paths[index], declarations: declarations, definitions: definitions,
            unit: ProbeUnit(declarations: declarations, definitions: definitions))
        }
      }
    }
  }

  /// The `-E -dD` output of a unit including each header, from one clang process; each alone when its
  /// output cannot be split among them.
  private func preprocessed(_ paths: [String], flags: [String]) -> [Result<ArraySlice<UInt8>, ABIError>] {
    guard !paths.isEmpty else { return [] }
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

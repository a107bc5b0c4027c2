// libFuzzer entry for the readers of clang's output in VFIOABI.
//
// The first input byte picks the reader, the rest is what clang would have written:
//   0: `-Xclang -ast-dump=json` (every top-level value — one translation unit, or the declarations
//      `-ast-dump-filter` prints — read as a translation unit's declarations);
//   1: `-E -dD` (macros, line markers, and whether each definition may be an integer; tree mode's
//      comparison of two texts, the input's halves);
//   2: a probe run's `-fdump-record-layouts-simple` dump and LLVM IR (the answers array, the layouts,
//      the error lines of its diagnostics).
// The header is `./fuzz.h` (clang's name for `-include fuzz.h`), the tree `/usr/include`, as
// Fuzz/make-abi-seeds.sh dumps them. Besides no crash, hang or out-of-bounds access, what the readers
// accept must hold the invariants checked below.

@testable import VFIOABI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let included = IncludedFiles(roots: ["/usr/include"])
  switch data[0] % 3 {
  case 0: readAST(bytes, included: included)
  case 1: readMacros(bytes, included: included)
  default: readProbe(bytes)
  }
  return 0
}

private func readAST(_ bytes: [UInt8], included: IncludedFiles) {
  let tooDeep = ABIError.unsupportedHeader("too deep")
  do {
    let values = try JSONParser.values(bytes, depthLimit: HeaderDeclarations.astDepthLimit, tooDeep: tooDeep)
    let unit = JSONValue.object([("inner", .array(values))])
    let declarations = try HeaderDeclarations(dump: unit, headerFile: "./fuzz.h", included: included)
    for record in declarations.records {
      guard !record.name.isEmpty else { fatalError("a record without a name") }
      for field in record.fields {
        guard !field.layoutPath.isEmpty else { fatalError("\(record.name).\(field.name) has no layout path") }
        _ = field.isFlexibleArray
      }
    }
    for (_, file) in declarations.includedRecords + declarations.includedEnumerators where file.hasPrefix("/") {
      fatalError("included file \(file) not named relative to its root")
    }
  } catch {
    _ = error.description
  }
}

private func readMacros(_ bytes: [UInt8], included: IncludedFiles) {
  let definitions = MacroDefinitions(preprocessed: bytes, headerFile: "./fuzz.h", included: included)
  for macro in definitions.macros {
    guard !macro.name.isEmpty, macro.name.utf8.allSatisfy(MacroDefinitions.isIdentifier) else {
      fatalError("macro name \(macro.name) is not an identifier")
    }
    _ = MacroDefinitions.mayBeInteger(macro.definition)
  }
  for macro in definitions.includedMacros where macro.file.isEmpty || macro.file.hasPrefix("/") {
    fatalError("included macro \(macro.name) from \(macro.file)")
  }
  // Tree mode's comparison of two texts, as a batch makes it: the input's halves as the old and the new tree's.
  let half = bytes.count / 2
  let unit = ["/proc/1/fd/3"]
  let old = (texts: [bytes[..<half]], units: unit, roots: included)
  let new = (texts: [bytes[half...]], units: unit, roots: included)
  _ = HeaderBatch.textChanges(old: old, new: new)
  guard HeaderBatch.textChanges(old: new, new: new) == [.none] else { fatalError("a text differs from itself") }
}

private func readProbe(_ bytes: [UInt8]) {
  do {
    let layouts = try RecordLayouts(dump: bytes[...])
    for (type, offsets) in layouts.fieldOffsets {
      _ = layouts.bitOffset([(type, 0), (type, offsets.count)])
    }
  } catch {
    _ = error.description
  }
  do {
    _ = try ProbeAnswers.array(bytes[...], name: "vfio_abi_seed_answers")
  } catch {
    _ = error.description
  }
  // One batch's output split among its units, every stream the input.
  let batch = ClangBatch.Output(status: 1, stdout: bytes, stderr: bytes, file: bytes, names: ["/proc/1/fd/3", "/proc/1/fd/4"])
  _ = batch.errorLines()
  _ = batch.modules()
  _ = batch.preprocessedParts()
  _ = batch.preprocessedParts(upTo: 1)
  _ = batch.firstFailingUnit()
  _ = ClangFrontend.words(bytes[...])
}

import Foundation

extension ABIManifest {
  /// Describes a header as the toolchain's clang compiles it for `target`.
  ///
  /// Three clang runs: the AST and the macro table of the header at once, then one generated
  /// translation unit whose record layouts and global initializers give every size, offset and value.
  ///
  /// - Parameters:
  ///   - header: the installed header or file to describe.
  ///   - target: the architecture; this machine's when nil.
  ///   - includeDirectories: searched before the system include path (`-I`), e.g. a directory holding a
  ///     newer `linux/vfio.h`.
  public static func dump(
    header: ABIHeader, target: ABITarget? = nil, includeDirectories: [String] = []
  ) throws(ABIError) -> ABIManifest {
    let clang = try Clang.locate()
    guard let target = target ?? ABITarget.host else { throw .unknownTarget("this machine's architecture") }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("vfio-abi-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    } catch {
      throw .unreadableFile(scratch.path)
    }
    defer { try? FileManager.default.removeItem(at: scratch) }

    let flags = try compilerFlags(target: target, includeDirectories: includeDirectories)
    let include = try header.includeLine(scratch: scratch)
    let unit = scratch.appendingPathComponent("abi.c").path
    try write(include + "\n", to: URL(fileURLWithPath: unit))
    let phase1 = try clang.run(
      [
        flags + ["-fsyntax-only", "-Xclang", "-ast-dump", unit],
        flags + ["-E", "-dD", unit],
      ], in: scratch)
    guard phase1[0].status == 0 else {
      throw .headerDoesNotCompile(header: header.description, firstError: phase1[0].firstError)
    }
    let macroTable = MacroTable(preprocessed: phase1[1].stdout, mainFile: unit)
    guard let headerPath = macroTable.headerPath else {
      throw .unexpectedClangOutput("the preprocessor never entered \(header)")
    }
    let ast = ASTDump(dump: phase1[0].stdout, headerPath: headerPath)
    let probe = try probe(
      ast: ast, macros: macroTable, include: include, clang: clang, flags: flags, scratch: scratch,
      header: header)

    var records: [ABIRecord] = []
    for record in ast.records {
      guard let layout = probe.layouts.layouts[record.name] else {
        throw .unexpectedClangOutput("no layout for \(record.kind.rawValue) \(record.name)")
      }
      var fields: [ABIField] = []
      for member in layout.members {
        guard let types = record.fieldTypes[member.name] else {
          throw .unexpectedClangOutput("no type for \(record.name).\(member.name)")
        }
        let size: String?
        if types.type.hasSuffix("[]") {
          size = "0"
        } else if member.bitWidth == nil, types.canonical.contains("(anonymous)") {
          size = probe.value(.fieldSize(record: record.name, kind: record.kind, field: member.name))
        } else {
          size = probe.value(.typeSize(types.canonical))
        }
        guard let size, let bytes = Int(size) else {
          throw .unexpectedClangOutput("no size for \(record.name).\(member.name)")
        }
        fields.append(
          ABIField(
            name: member.name, type: types.type, canonicalType: types.canonical, offset: member.offset,
            size: bytes, bitOffset: member.bitOffset, bitWidth: member.bitWidth))
      }
      records.append(
        ABIRecord(
          name: record.name, kind: record.kind, size: layout.size, alignment: layout.alignment,
          packed: record.packed, fields: fields))
    }
    var enumConstants: [ABIEnumConstant] = []
    for enumeration in ast.enums {
      for name in enumeration.constants {
        guard let value = probe.value(.value(name)) else {
          throw .unexpectedClangOutput("no value for enum constant \(name)")
        }
        enumConstants.append(ABIEnumConstant(name: name, enumName: enumeration.name, value: value))
      }
    }
    let macros = macroTable.macros.compactMap { macro in
      probe.value(.macro(macro.name)).map { ABIMacro(name: macro.name, definition: macro.definition, value: $0) }
    }
    return ABIManifest(
      header: header.description, target: target.triple, records: records, enumConstants: enumConstants,
      macros: macros)
  }

  private static func compilerFlags(target: ABITarget, includeDirectories: [String]) throws(ABIError) -> [String] {
    var flags = ["-target", target.triple, "-fno-color-diagnostics", "-w", "-ferror-limit=0"]
    for directory in includeDirectories { flags += ["-I", directory] }
    if target != ABITarget.host {
      let cross = "/usr/\(target.debianTriple)/include"
      guard FileManager.default.fileExists(atPath: cross + "/asm/ioctl.h") else {
        throw .crossHeadersMissing(target: target.name, directory: cross, package: target.crossPackage)
      }
      flags += ["-isystem", cross]
    }
    return flags
  }

  private static func write(_ text: String, to url: URL) throws(ABIError) {
    do {
      try text.write(to: url, atomically: false, encoding: .utf8)
    } catch {
      throw .unreadableFile(url.path)
    }
  }

  private struct ProbeResult {
    var entries: [ProbeUnit.Entry: Int]
    var values: [Int: String]
    var layouts: LayoutDump

    func value(_ entry: ProbeUnit.Entry) -> String? { entries[entry].flatMap { values[$0] } }
  }

  /// Compiles the probe unit, dropping macros that turn out not to be integer constant expressions
  /// (a type, a pointer, a function-like use) and compiling again; anything else that fails is the
  /// header's own error.
  private static func probe(
    ast: ASTDump, macros: MacroTable, include: String, clang: Clang, flags: [String], scratch: URL,
    header: ABIHeader
  ) throws(ABIError) -> ProbeResult {
    var entries: [ProbeUnit.Entry] = []
    var seen: Set<ProbeUnit.Entry> = []
    func add(_ entry: ProbeUnit.Entry) {
      if seen.insert(entry).inserted { entries.append(entry) }
    }
    for record in ast.records {
      add(.record(record.name, record.kind))
      for (field, types) in record.fieldTypes.sorted(by: { $0.key < $1.key }) where !types.type.hasSuffix("[]") {
        if types.canonical.contains("(anonymous)") {
          add(.fieldSize(record: record.name, kind: record.kind, field: field))
        } else {
          add(.typeSize(types.canonical))
        }
      }
    }
    for enumeration in ast.enums { enumeration.constants.forEach { add(.value($0)) } }
    for macro in macros.macros where MacroTable.mayBeInteger(macro.definition) { add(.macro(macro.name)) }

    let file = scratch.appendingPathComponent("probe.c").path
    let ir = scratch.appendingPathComponent("probe.ll")
    var unit = ProbeUnit(entries: entries)
    for _ in 0..<4 {
      try write(unit.source(include: include), to: URL(fileURLWithPath: file))
      let output = try clang.run(
        [flags + ["-S", "-emit-llvm", "-O0", "-o", ir.path, "-Xclang", "-fdump-record-layouts", file]],
        in: scratch)[0]
      if output.status == 0 {
        let text = (try? String(contentsOf: ir, encoding: .utf8)) ?? ""
        let indexes = Dictionary(uniqueKeysWithValues: unit.entries.enumerated().map { ($1, $0) })
        return ProbeResult(entries: indexes, values: ProbeUnit.values(ir: text), layouts: try LayoutDump(dump: output.stdout))
      }
      let failing = unit.entriesWithErrors(stderr: output.stderr, file: file)
      let onlyMacros = failing.allSatisfy {
        if case .macro = unit.entries[$0] { true } else { false }
      }
      guard !failing.isEmpty, onlyMacros else {
        throw .headerDoesNotCompile(header: header.description, firstError: output.firstError)
      }
      unit.entries = unit.entries.enumerated().filter { !failing.contains($0.offset) }.map(\.element)
    }
    throw .unexpectedClangOutput("the probe unit kept failing to compile")
  }
}

extension ABIManifest {
  /// Describes several headers at once, each on its own thread, in the order given.
  public static func dump(
    headers: [ABIHeader], target: ABITarget? = nil, includeDirectories: [String] = []
  ) throws(ABIError) -> [ABIManifest] {
    let results = ResultSlots(count: headers.count)
    DispatchQueue.concurrentPerform(iterations: headers.count) { index in
      results.set(index, Result { () throws(ABIError) in
        try dump(header: headers[index], target: target, includeDirectories: includeDirectories)
      })
    }
    var manifests: [ABIManifest] = []
    for result in results.values { manifests.append(try result.get()) }
    return manifests
  }
}

private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<ABIManifest, ABIError>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<ABIManifest, ABIError>) {
    lock.withLock { slots[index] = result }
  }

  var values: [Result<ABIManifest, ABIError>] {
    lock.withLock { slots.compactMap { $0 } }
  }
}

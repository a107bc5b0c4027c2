import Foundation

extension ABIManifest {
  /// Describes a header as the toolchain's clang compiles it for `target`.
  ///
  /// One clang run, as a rule: a translation unit that includes the header and asks, in enumerators,
  /// for `sizeof` every record, the scalar types and the value of every macro the header's text
  /// defines. Its AST dump gives the header's records (fields, canonical types, `packed`), enums and the
  /// enumerators' values; `-fdump-record-layouts` gives every offset. Questions clang rejects are dropped
  /// and a type or record the first run did not cover is asked about in another run.
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

    let includes = includeDirectories.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    let (flags, searchPath) = try compilerFlags(target: target, includeDirectories: includes)
    let resolved = try header.resolve(scratch: scratch, searchPath: searchPath)
    let scan = HeaderScan(text: resolved.text)
    var unit = ProbeUnit()
    for record in scan.records { unit.add(.record(record.name, record.kind)) }
    for macro in scan.macros where HeaderScan.mayBeInteger(macro.definition) { unit.add(.macro(macro.name)) }

    let file = scratch.appendingPathComponent("probe.c").path
    for _ in 0..<6 {
      try write(unit.source(include: resolved.include), to: URL(fileURLWithPath: file))
      let output = try clang.run(
        [flags + ["-fsyntax-only", "-Xclang", "-ast-dump", "-Xclang", "-fdump-record-layouts", file]],
        in: scratch)[0]
      guard output.status == 0 else {
        let failing = unit.entriesWithErrors(stderr: output.stderr, file: file)
        guard !failing.isEmpty else {
          throw .headerDoesNotCompile(header: header.description, firstError: output.firstError)
        }
        unit.remove(at: failing)
        continue
      }
      // Layouts are printed while parsing, the AST once the unit is complete.
      guard let offset = output.stdout.utf8Offset(of: "TranslationUnitDecl") else {
        throw .unexpectedClangOutput("no AST dump")
      }
      let astStart = output.stdout.utf8.index(output.stdout.utf8.startIndex, offsetBy: offset)
      let layouts = try LayoutDump(dump: String(output.stdout[..<astStart]))
      let ast = ASTDump(dump: String(output.stdout[astStart...]), headerPath: resolved.path)
      let answers = ProbeAnswers(unit: unit, values: ast.probeValues, layouts: layouts)
      switch answers.manifest(ast: ast, macros: scan.macros, header: header, target: target) {
      case .complete(let manifest):
        return manifest
      case .needs(let entries):
        let before = unit.entries.count
        entries.forEach { unit.add($0) }
        guard unit.entries.count > before else {
          throw .unexpectedClangOutput("no answer for \(entries)")
        }
      }
    }
    throw .unexpectedClangOutput("the probe unit kept failing to compile")
  }

  /// The flags for `target` and the directories clang searches for `<…>` headers, in its order.
  private static func compilerFlags(target: ABITarget, includeDirectories: [String]) throws(ABIError) -> (
    [String], [String]
  ) {
    var flags = ["-target", target.triple, "-fno-color-diagnostics", "-w", "-ferror-limit=0"]
    for directory in includeDirectories { flags += ["-I", directory] }
    var searchPath = includeDirectories
    if target != ABITarget.host {
      let cross = "/usr/\(target.debianTriple)/include"
      guard FileManager.default.fileExists(atPath: cross + "/asm/ioctl.h") else {
        throw .crossHeadersMissing(target: target.name, directory: cross, package: target.crossPackage)
      }
      flags += ["-isystem", cross]
      // A cross package older than the header may lack the <linux/stddef.h> that defines the
      // annotations away (`__counted_by`, Linux 6.7); the header's own stddef.h tests #ifndef first.
      flags += ["-D__counted_by(m)=", "-D__counted_by_le(m)=", "-D__counted_by_be(m)="]
      searchPath += [cross, "/usr/local/include", "/usr/include"]
    } else {
      searchPath += ["/usr/local/include", "/usr/include/\(target.debianTriple)", "/usr/include"]
    }
    return (flags, searchPath)
  }

  private static func write(_ text: String, to url: URL) throws(ABIError) {
    do {
      try text.write(to: url, atomically: false, encoding: .utf8)
    } catch {
      throw .unreadableFile(url.path)
    }
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

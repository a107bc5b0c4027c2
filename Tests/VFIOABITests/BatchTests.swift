import Foundation
import Testing
@testable import VFIOABI

/// Many headers through one clang process must give what each gives alone.
@Suite("Batched clang runs")
struct BatchTests {
  /// The first installed `linux/` headers.
  static func headers() throws -> [String] {
    let all = try ABITree(root: "/usr/include").headers(in: ["linux"])
    return Array(all.prefix(40))
  }

  @Test("A batch's manifests and failures are each header's alone, in clang processes and through libclang", arguments: [false, true])
  func batchEqualsSingle(inProcess: Bool) throws {
    let target = try #require(ABITarget.host)
    let names = try Self.headers()
    #expect(names.count == 40)
    // One header that cannot compile alone, found through `-I` like the others through the system path,
    // so that it shares their batch.
    let fixtures = URL(fileURLWithPath: try Fixture.path("trees/old/linux", "broken.h")).deletingLastPathComponent()
      .deletingLastPathComponent().path
    #expect(!names.contains("linux/broken.h"))
    let headers = names.prefix(17).map { ABIHeader.installed($0) } + [.installed("linux/broken.h")]
      + names.dropFirst(17).map { ABIHeader.installed($0) }
    var batch = HeaderBatch(
      clang: try Clang.locate(), options: try CompilerOptions(target: target, includeDirectories: [fixtures]),
      target: target)
    batch.inProcess = inProcess
    let together = batch.manifests(headers)
    #expect(together.count == headers.count)
    for (header, result) in zip(headers, together) {
      let alone = batch.manifests([header])[0]
      switch (result, alone) {
      case (.success(let batched), .success(let single)):
        #expect(batched == single, "\(header)")
      case (.failure(.headerDoesNotCompile(_, let batched)), .failure(.headerDoesNotCompile(_, let single))):
        #expect(batched == single, "\(header)")
      default:
        Issue.record("\(header): batched \(result), alone \(alone)")
      }
    }
    guard case .failure(.headerDoesNotCompile) = together[17] else {
      Issue.record("the broken header dumped: \(together[17])")
      return
    }
  }

  @Test("Tree mode's compile checks give the same verdicts and first errors in libclang as in clang processes, located in the header")
  func treeCompileChecks() throws {
    let target = try #require(ABITarget.host)
    let clang = try Clang.locate()
    let roots = try ["old", "new"].map {
      URL(fileURLWithPath: try Fixture.path("trees-errors/\($0)/linux", "fine.h")).deletingLastPathComponent()
        .deletingLastPathComponent().path
    }
    let batches = try roots.map {
      HeaderBatch(clang: clang, options: try CompilerOptions(target: target, includeDirectories: [$0]), target: target)
    }
    let names = ["linux/fine.h", "linux/later.h", "linux/open.h", "linux/unknown.h"]
    func verdicts(inProcess: Bool) -> [String] {
      var old = batches[0]
      var new = batches[1]
      old.inProcess = inProcess
      new.inProcess = inProcess
      return old.sameText(names, as: new).map {
        switch $0 {
        case .settled(let error): "settled: \(error ?? "compiles")"
        case .differs: "dumped"
        }
      }
    }
    let library = verdicts(inProcess: true)
    #expect(library == verdicts(inProcess: false))
    // fine.h gains a declaration of its own, which later.h's text gains elsewhere; open.h leaves a
    // struct open, which clang reports where the unit including it ends unless asked again.
    let old = roots[0] + "/linux/"
    #expect(library.count == 4)
    #expect(library.first == "dumped")
    #expect(library.dropFirst().first == "settled: compiles")
    #expect(library.dropFirst(2).first?.hasPrefix("settled: \(old)open.h:1:") == true, "\(library)")
    #expect(library.last?.hasPrefix("settled: \(old)unknown.h:1:") == true, "\(library)")
    #expect(library.last?.contains("size_t") == true, "\(library)")
  }

  @Test("A unit that fails to preprocess on one side leaves the other side's texts, each a unit's alone")
  func preprocessedSides() throws {
    let target = try #require(ABITarget.host)
    let clang = try Clang.locate()
    let flags = try CompilerOptions(target: target, includeDirectories: []).flags
    let missing = "#include \"vfio-abi-test-nothere.h\"\n"
    let old = ["int a;\n", missing, "int c;\n", "#include <linux/types.h>\n"].map { Array($0.utf8) }
    // The new side's failing unit is its last: nothing is left to run again.
    let new = ["int a;\n", "int b;\n", "#include <linux/types.h>\n", missing].map { Array($0.utf8) }
    let sides = try HeaderBatch.preprocessed([(flags, old), (flags, new)], clang: clang)
    #expect(sides.map { $0.map { $0 != nil } } == [[true, false, true, true], [true, true, true, false]])
    // The unit's own name is the only difference a text may have from the same unit's alone.
    func text(_ unit: HeaderBatch.PreprocessedUnit?) -> String? {
      unit.map { String(decoding: $0.text, as: UTF8.self).replacingOccurrences(of: $0.unit, with: "UNIT") }
    }
    for (units, texts) in zip([old, new], sides) {
      for (unit, batched) in zip(units, texts) where batched != nil {
        let alone = try HeaderBatch.preprocessed([(flags, [unit])], clang: clang)[0]
        #expect(text(batched) == text(alone[0]), "\(String(decoding: unit, as: UTF8.self))")
      }
    }
  }

  @Test("The unit a batch's first error belongs to, as clang prints its include stack")
  func firstFailingUnit() {
    func unit(_ stderr: String) -> Int? {
      ClangBatch.Output(status: 1, stdout: [], stderr: Array(stderr.utf8), file: [], names: ["/proc/1/fd/3", "/proc/1/fd/4"])
        .firstFailingUnit()
    }
    // Outermost first, as clang 21 prints a stack: checked with a header that includes one that fails.
    #expect(unit("In file included from /proc/1/fd/4:1:\nIn file included from /usr/include/linux/a.h:1:\n/usr/include/linux/b.h:1:12: error: unknown type name 'size_t'\n") == 1)
    #expect(unit("/proc/1/fd/3:2:5: error: expected ';'\n/proc/1/fd/4:1:1: error: later\n") == 0)
    #expect(unit("/usr/include/linux/b.h:1:1: fatal error: 'c.h' file not found\nIn file included from /proc/1/fd/3:1:\n") == nil)
    #expect(unit("") == nil)
  }

  @Test("Manifests read by libclang in this process are clang processes' manifests, on installed linux/ headers")
  func libclangEqualsProcesses() throws {
    let target = try #require(ABITarget.host)
    let clang = try Clang.locate()
    #expect(LibClang.beside(clang) != nil, "the toolchain's libclang.so did not load")
    // Everything read in this process comes from another source than in clang processes: declarations
    // from cursors instead of the JSON AST, layouts and enumerator values from clang's AST instead of
    // the probe's IR, bit-field offsets from the record layout instead of its dump.
    // Every third header (the whole tree takes minutes in a debug build; CompletenessTests checks every
    // header's answers against clang's `_Static_assert`s).
    let all = try ABITree(root: "/usr/include").headers(in: ["linux"])
    // Headers with bit-fields in every generation are always among them.
    let bitFieldHeaders = ["linux/a.out.h", "linux/atm.h", "linux/ip.h", "linux/tcp.h"].filter(all.contains)
    let sample = stride(from: 0, to: all.count, by: 3).map { all[$0] }
    let headers = (sample + bitFieldHeaders.filter { !sample.contains($0) }).map { ABIHeader.installed($0) }
    let options = try CompilerOptions(target: target, includeDirectories: [])
    let inProcess = HeaderBatch(clang: clang, options: options, target: target)
    let processes = {
      var batch = inProcess
      batch.inProcess = false
      return batch
    }()
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let pairs = ParallelMap.inChunks([headers], workers: workers) { chunk in
      zip(inProcess.manifests(chunk), processes.manifests(chunk)).map { Result<_, ABIError>.success($0) }
    }
    var compared = 0
    var bitFields = 0
    for (header, pair) in zip(headers, pairs) {
      switch try pair.get() {
      case (.success(let library), .success(let process)):
        #expect(library == process, "\(header)")
        compared += 1
        bitFields += library.records.flatMap(\.fields).filter { $0.bitWidth != nil }.count
      case (.failure(.headerDoesNotCompile), .failure(.headerDoesNotCompile)):
        continue
      case (let library, let process):
        Issue.record("\(header): in this process \(library), in clang processes \(process)")
      }
    }
    // Most headers compare, bit-fields among them (how many depends on which third of the tree).
    #expect(compared > 120 && bitFields > 0, "\(compared) headers, \(bitFields) bit-fields")
    #expect(bitFieldHeaders.count == 4)
  }

  @Test(
    "Both readers print the same canonical types (typedefs resolved under arrays, pointers and function pointers) and macro values",
    arguments: ["typedef-array", "typedef-pointer", "typedef-function-pointer", "typedef-function-result", "typedef-respelled", "macro-128"])
  func canonicalTypesAgree(_ fixture: String) throws {
    let target = try #require(ABITarget.host)
    let inProcess = HeaderBatch(clang: try Clang.locate(), options: try CompilerOptions(target: target, includeDirectories: []), target: target)
    var processes = inProcess
    processes.inProcess = false
    for file in ["old.h", "new.h"] {
      let header = ABIHeader.file(try Fixture.path(fixture, file))
      let library = try inProcess.manifests([header])[0].get()
      let process = try processes.manifests([header])[0].get()
      #expect(library == process, "\(fixture)/\(file)")
      // No typedef name of the fixtures is left in a canonical type.
      let typedefs: Set<Substring> = ["t", "four", "callback", "pair", "byte", "function", "__u8", "__u32", "__s32", "__u64"]
      for field in library.records.flatMap(\.fields) {
        let words = field.canonicalType.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        #expect(typedefs.isDisjoint(with: words), "\(fixture)/\(file): \(field.name) \(field.canonicalType)")
      }
    }
  }

  @Test("The driver names one frontend job, which compiles the units it is given")
  func frontend() throws {
    let target = try #require(ABITarget.host)
    let options = try CompilerOptions(target: target, includeDirectories: [])
    let frontend = try #require(try ClangFrontend.ask(clang: try Clang.locate(), flags: options.flags + ["-E"]))
    #expect(frontend.arguments.dropFirst().first == "-cc1")
    #expect(frontend.arguments.contains("-E"))
    #expect(!frontend.arguments.contains("-main-file-name"))
    #expect(!frontend.arguments.contains("-disable-free"))
  }

  @Test("Job lines: quoted words, backslash escapes; anything else is not a job")
  func words() {
    #expect(ClangFrontend.words(Array(#" "/bin/clang" "-cc1" "a\"b" "c\\d""#.utf8)[...]) == ["/bin/clang", "-cc1", "a\"b", "c\\d"])
    #expect(ClangFrontend.words(Array(#" "unterminated"#.utf8)[...]) == nil)
    #expect(ClangFrontend.words(Array(#""no leading space""#.utf8)[...]) == nil)
    #expect(ClangFrontend.words(Array(#" "ends in a backslash\"#.utf8)[...]) == nil)
  }

  @Test("Tree mode through clang processes (each chunk's dumps one work item) reports what it reports through libclang")
  func treeModeInProcesses() throws {
    try TemporaryDirectory.with("vfio-abi-tree-processes") { base in
      // Eight headers of each kind, so that every chunk (a few headers each, on two workers) leaves
      // several to dump; `late.h` fails only in the new tree, `broken.h` in both.
      var files: [String: (old: String, new: String)] = [
        "broken.h": ("struct broken { size_t n; };\n", "struct broken { size_t n; };\n"),
        "late.h": ("struct late { int x; };\n", "struct late { int x;\n"),
      ]
      for index in 0..<8 {
        files["same\(index).h"] = ("struct same\(index) { int a; };\n", "struct same\(index) { int a; };\n")
        files["grows\(index).h"] = ("struct grows\(index) { int a; };\n", "struct grows\(index) { int a; int b; };\n")
        files["adds\(index).h"] = ("#define ADDS\(index) 1\n", "#define ADDS\(index) 1\n#define ADDS\(index)_NEW 0x10\n")
      }
      let roots = try ["old", "new"].map { side in
        let linux = base.appendingPathComponent(side).appendingPathComponent("linux")
        try FileManager.default.createDirectory(at: linux, withIntermediateDirectories: true)
        for (name, text) in files {
          try (side == "old" ? text.old : text.new).write(to: linux.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return ABITree(root: base.appendingPathComponent(side).path)
      }
      func report(inProcess: Bool) throws -> (json: String, diff: ABITreeDiff) {
        let diff = try ABITreeDiff(old: roots[0], new: roots[1], target: nil, directories: [], workers: 2, inProcess: inProcess)
        return (String(decoding: ABITreeReport(diff).json(), as: UTF8.self), diff)
      }
      let library = try report(inProcess: true)
      let processes = try report(inProcess: false)
      #expect(processes.json == library.json)
      let summary = library.diff.summary
      #expect(summary.headers == 26 && summary.breaking == 8 && summary.compatible == 16 && summary.notStandalone == 2, "\(summary)")
      let dumped = library.diff.entries.filter { if case .compared = $0.outcome { true } else { false } }
      #expect(dumped.count == 16)
    }
  }
}

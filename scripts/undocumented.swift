// The check behind scripts/undocumented.sh, with nothing but the toolchain: reads the symbol graphs in
// GRAPHS (the DocC plugin's, or `swift package dump-symbol-graph`'s) and prints, per module, the public
// symbols declared in Sources/ without a doc comment, and the top-level symbols Sources/M/M.docc/M.md does
// not curate.
//
//   swift scripts/undocumented.swift GRAPHS ROOT MODULE...      exit status: 1 when anything is listed
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 3, let graphs = arguments.first else {
  FileHandle.standardError.write(Data("usage: undocumented.swift GRAPHS ROOT MODULE...\n".utf8))
  exit(2)
}
let root = arguments.dropFirst().first! + "/"
let sources = root + "Sources/"

func symbols(_ file: String) -> [[String: Any]] {
  guard let data = FileManager.default.contents(atPath: file),
    let graph = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else { return [] }
  return graph["symbols"] as? [[String: Any]] ?? []
}

var total = 0
for module in arguments.dropFirst(2) {
  // M.symbols.json holds the module's own types; M@Other.symbols.json its extensions of Other's types.
  let files = ((try? FileManager.default.contentsOfDirectory(atPath: graphs)) ?? [])
    .filter { $0 == "\(module).symbols.json" || $0.hasPrefix("\(module)@") }.sorted()
  var undocumented: Set<String> = []
  var topLevel: Set<String> = []
  for file in files {
    for symbol in symbols(graphs + "/" + file) {
      let path = symbol["pathComponents"] as? [String] ?? []
      if file == "\(module).symbols.json", path.count == 1 { topLevel.insert(path[0]) }
      let precise = (symbol["identifier"] as? [String: Any])?["precise"] as? String ?? ""
      let location = symbol["location"] as? [String: Any]
      let uri = (location?["uri"] as? String ?? "").replacingOccurrences(of: "file://", with: "")
      let kind = ((symbol["kind"] as? [String: Any])?["identifier"] as? String ?? "").replacingOccurrences(of: "swift.", with: "")
      // Synthesized symbols, and those inherited from another module's protocols, are not in Sources/;
      // an extension block (in the DocC plugin's graphs) declares nothing, its members are checked.
      guard uri.hasPrefix(sources), symbol["docComment"] == nil, !precise.contains("::SYNTHESIZED::"), kind != "extension"
      else { continue }
      let line = ((location?["position"] as? [String: Any])?["line"] as? Int ?? -1) + 1
      undocumented.insert("\(uri.dropFirst(root.count)):\(line): \(kind) \(path.joined(separator: "."))")
    }
  }
  for entry in undocumented.sorted() { print(entry) }
  print("\(module): \(undocumented.count) undocumented public symbols")
  let landing = "Sources/\(module)/\(module).docc/\(module).md"
  let page = (try? String(contentsOfFile: root + landing, encoding: .utf8)) ?? ""
  let curated = Set(page.split(separator: "\n").compactMap { line -> String? in
    guard line.hasPrefix("- ``"), line.hasSuffix("``") else { return nil }
    return String(line.dropFirst(4).dropLast(2))
  })
  let uncurated = topLevel.subtracting(curated).sorted()
  for name in uncurated { print("\(landing): not curated: \(name)") }
  print("\(module): \(uncurated.count) top-level symbols not curated on \(landing)")
  total += undocumented.count + uncurated.count
}
exit(total == 0 ? 0 : 1)

import FoundationEssentials
import Glibc

extension ABIManifest {
  /// The manifest as pretty-printed JSON with sorted keys, ending in a newline.
  public func jsonData() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings, integers and booleans cannot fail.
    let data = (try? encoder.encode(self)) ?? Data()
    return data + Data("\n".utf8)
  }

  /// Reads a manifest written by ``jsonData()``; `source` names it in errors. The JSON is parsed once
  /// (the engine's `JSONParser`, which keeps every key, so a key given twice is found) and read by hand
  /// (`ManifestReader`).
  public init(json: Data, source: String) throws(ABIError) {
    let document: JSONValue
    do throws(ABIError) {
      let values = try JSONParser.values(
        [UInt8](json), depthLimit: ManifestDuplicates.depthLimit, tooDeep: .corruptManifest(path: source, reason: "invalid JSON: nested too deep"))
      guard values.count == 1 else { throw ABIError.corruptManifest(path: source, reason: "invalid JSON: \(values.count) values") }
      document = values[0]
    } catch {
      guard case .unexpectedClangOutput(let reason) = error else { throw error }
      throw .corruptManifest(path: source, reason: "invalid JSON: " + reason.replacing("JSON at", with: "at"))
    }
    let version: Int
    do throws(ManifestReader.Failure) {
      version = try ManifestReader.schemaVersion(document)
    } catch {
      throw .corruptManifest(path: source, reason: error.reason)
    }
    guard version == Self.currentSchemaVersion else {
      throw .unsupportedSchemaVersion(path: source, version: version)
    }
    do throws(ManifestReader.Failure) {
      self = try ManifestReader.manifest(document)
    } catch {
      throw .corruptManifest(path: source, reason: error.reason)
    }
    if let problem = outOfRange { throw .corruptManifest(path: source, reason: problem) }
    if let duplicate = ManifestDuplicates.first(in: document) { throw .corruptManifest(path: source, reason: duplicate) }
  }

  /// No real record comes near 2⁴⁰ bytes; bounding every number keeps the diff's arithmetic
  /// (`offset + size`) from overflowing on a hand-made manifest.
  static let sizeLimit = 1 << 40

  /// The first number outside what a layout can hold, described, or nil.
  private var outOfRange: String? {
    let bytes = 0...Self.sizeLimit
    for (index, record) in records.enumerated() {
      let place = "records[\(index)]"
      guard bytes.contains(record.size), (1...Self.sizeLimit).contains(record.alignment) else {
        return "size or alignment out of range at \(place)"
      }
      for (fieldIndex, field) in record.fields.enumerated() {
        let at = "\(place).fields[\(fieldIndex)]"
        guard bytes.contains(field.offset), bytes.contains(field.size) else { return "offset or size out of range at \(at)" }
        if let bit = field.bitOffset, !(0..<8).contains(bit) { return "bitOffset out of range at \(at)" }
        if let width = field.bitWidth, !(0...(1 << 16)).contains(width) { return "bitWidth out of range at \(at)" }
      }
    }
    return nil
  }

  /// Reads a manifest file.
  public init(contentsOf path: String) throws(ABIError) {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadableFile(path) }
    try self.init(json: data, source: path)
  }
}

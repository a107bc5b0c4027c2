import Foundation

extension ABIManifest {
  /// The manifest as pretty-printed JSON with sorted keys, ending in a newline.
  public func jsonData() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings, integers and booleans cannot fail.
    let data = (try? encoder.encode(self)) ?? Data()
    return data + Data("\n".utf8)
  }

  /// Reads a manifest written by ``jsonData()``; `source` names it in errors.
  public init(json: Data, source: String) throws(ABIError) {
    struct Version: Decodable { var schemaVersion: Int }
    let decoder = JSONDecoder()
    let version: Int
    do {
      version = try decoder.decode(Version.self, from: json).schemaVersion
    } catch {
      throw .corruptManifest(path: source, reason: Self.reason(error))
    }
    guard version == Self.currentSchemaVersion else {
      throw .unsupportedSchemaVersion(path: source, version: version)
    }
    do {
      self = try decoder.decode(ABIManifest.self, from: json)
    } catch {
      throw .corruptManifest(path: source, reason: Self.reason(error))
    }
    if let problem = outOfRange { throw .corruptManifest(path: source, reason: problem) }
    if let duplicate = ManifestDuplicates.first(in: [UInt8](json)) { throw .corruptManifest(path: source, reason: duplicate) }
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

  private static func reason(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return "\(error)" }
    switch decoding {
    case .dataCorrupted(let context):
      return "invalid JSON" + Self.at(context)
    case .keyNotFound(let key, let context):
      return "missing key '\(key.stringValue)'" + Self.at(context)
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
      return "expected \(type)" + Self.at(context)
    @unknown default:
      return "\(error)"
    }
  }

  private static func at(_ context: DecodingError.Context) -> String {
    let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    return path.isEmpty ? "" : " at \(path)"
  }
}

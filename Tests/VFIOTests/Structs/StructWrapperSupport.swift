import CVFIOOracle
import Testing
import VFIO

/// C's `sizeof` of each wrapped struct, by struct tag.
let oracleStructSizes: [String: Int] = {
  var table: [String: Int] = [:]
  for index in 0..<cvfio_oracle_struct_size_count {
    let entry = cvfio_oracle_struct_size_at(index)
    table[String(cString: entry.name)] = Int(entry.value)
  }
  return table
}()

/// A value of `T` whose every byte is random, so each field holds a distinct
/// pattern and an accessor reading the wrong field is caught.
func randomC<T>(_: T.Type) -> T {
  withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { buffer in
    let raw = UnsafeMutableRawBufferPointer(buffer)
    for index in raw.indices { raw[index] = UInt8.random(in: 0...255) }
    return buffer[0]
  }
}

/// The bytes of `value` Swift copies (its `size`, tail padding excluded).
func bytes<T>(of value: T) -> [UInt8] {
  withUnsafeBytes(of: value) { Array($0) }
}

/// One wrapper's round-trip and accessor checks.
struct WrapperCase: Sendable, CustomTestStringConvertible {
  /// The C struct tag, e.g. `vfio_device_info`.
  let cName: String
  /// The wrapper's `size` (C `sizeof` if the wrapper is right).
  let size: Int
  /// The `argsz` the wrapper's initializer fills, nil for payload structs without one.
  let argsz: UInt32?
  /// Wraps a random C struct, reads it back, and rebuilds it from the typed accessors.
  let check: @Sendable () -> Void

  var testDescription: String { cName }

  init<W: VFIOStruct>(_: W.Type, _ cName: String, argsz: UInt32? = nil, check: @escaping @Sendable () -> Void) {
    self.cName = cName
    self.size = W.size
    self.argsz = argsz
    self.check = check
  }
}

/// `W(rawValue: c).rawValue` has the bytes of `c`.
func expectLossless<W: VFIOStruct>(_: W.Type, _ c: W.RawValue, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(bytes(of: W(rawValue: c).rawValue) == bytes(of: c), sourceLocation: sourceLocation)
}

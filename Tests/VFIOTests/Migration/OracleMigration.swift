import CVFIOOracle

/// The oracle's migration constants, sizes and offsets by the C expression that produced them.
let oracleMigration: [String: UInt64] = {
  var table: [String: UInt64] = [:]
  for index in 0..<cvfio_oracle_migration_count {
    let entry = cvfio_oracle_migration_at(index)
    table[String(cString: entry.name)] = UInt64(entry.value)
  }
  return table
}()

struct MissingOracleValue: Error, CustomStringConvertible {
  let name: String
  var description: String { "the C oracle has no value named \(name)" }
}

/// The C compiler's value of `name`.
func oracle(_ name: String) throws -> UInt64 {
  guard let value = oracleMigration[name] else { throw MissingOracleValue(name: name) }
  return value
}

/// A reproducible stream of 64-bit values (SplitMix64), so a failing random input can be replayed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

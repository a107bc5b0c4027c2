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

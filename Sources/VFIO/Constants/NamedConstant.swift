/// A constant of a VFIO type with its Swift and C names.
///
/// Each constants type keeps a table of these: descriptions print the Swift
/// names, and the tests look every C name up in the C oracle to prove the
/// Swift value equal to the C compiler's.
struct NamedConstant<Value: Sendable>: Sendable {
  let value: Value
  let name: String
  let cName: String

  init(_ value: Value, _ name: String, _ cName: String) {
    self.value = value
    self.name = name
    self.cName = cName
  }
}

/// `[.read, .write, 0x40]`: the names of the known flags in `flags`, then the
/// bits no name covers, so a flag a newer kernel added is still visible.
func describeFlags<Flags: OptionSet>(_ flags: Flags, _ known: [NamedConstant<Flags>]) -> String
where Flags.RawValue: FixedWidthInteger, Flags.Element == Flags {
  var names: [String] = []
  var unnamed = flags.rawValue
  for constant in known where flags.contains(constant.value) {
    names.append("." + constant.name)
    unnamed &= ~constant.value.rawValue
  }
  if unnamed != 0 { names.append("0x" + String(unnamed, radix: 16)) }
  return "[" + names.joined(separator: ", ") + "]"
}

/// `3 (.type1v2IOMMU)`: the raw value and every name it has. Indexes are
/// shared between buses (index 0 is `.pciBAR0` and `.ccwConfig`), so all
/// names are listed; an unknown value prints as its number alone.
func describeValue<Value: RawRepresentable & Equatable>(
  _ value: Value, _ known: [NamedConstant<Value>]
) -> String where Value.RawValue: BinaryInteger {
  let names = known.filter { $0.value == value }.map { "." + $0.name }
  let number = "\(value.rawValue)"
  return names.isEmpty ? number : number + " (" + names.joined(separator: ", ") + ")"
}

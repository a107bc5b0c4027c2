// The stdlib's reflection SPI lists a type's stored properties with a key path to each, which is
// what lets one generic function measure every imported struct, whichever fields the header
// generation gives it, through `MemoryLayout.offset(of:)`.
@_spi(Reflection) import Swift

/// Swift's view of a C struct: `MemoryLayout` of the imported type and of each stored property.
public enum SwiftLayout {
  /// The layout of `type` as Swift lays it out.
  ///
  /// - Parameters:
  ///   - type: the imported C struct.
  ///   - name: the C struct's tag.
  ///   - flexibleArray: the name of the struct's flexible array member, which Swift does not
  ///     import; Swift code places the payload at `MemoryLayout<T>.size`, so that is its offset here.
  ///   - unionMembers: members of anonymous unions, which import as computed properties
  ///     (`offset(of:)` is nil for them): each is measured by reading it through its property.
  public static func describe<T>(
    _ type: T.Type, name: String, flexibleArray: String? = nil,
    unionMembers: [UnionMemberProbe<T>] = []
  ) -> StructLayout {
    var fields: [FieldLayout] = []
    var mostAligned = 1
    _ = _forEachFieldWithKeyPath(of: T.self) { fieldName, keyPath in
      let value = measure(Swift.type(of: keyPath).valueType)
      mostAligned = max(mostAligned, value.alignment)
      if let offset = MemoryLayout<T>.offset(of: keyPath) {
        fields.append(FieldLayout(name: String(cString: fieldName), offset: offset, size: value.size))
      }
      return true
    }
    for probe in unionMembers where !fields.contains(where: { $0.name == probe.name }) {
      let value = probe.measure()
      mostAligned = max(mostAligned, value.alignment)
      if let offset = value.offset {
        fields.append(FieldLayout(name: probe.name, offset: offset, size: value.size))
      }
    }
    if let flexibleArray {
      fields.append(
        FieldLayout(name: flexibleArray, offset: MemoryLayout<T>.size, size: 0, isFlexibleArray: true))
    }
    fields.sort { $0.offset < $1.offset }
    return StructLayout(
      name: name,
      size: MemoryLayout<T>.size,
      alignment: MemoryLayout<T>.alignment,
      isPacked: MemoryLayout<T>.alignment < mostAligned,
      fields: fields
    )
  }

  private static func measure(_ type: Any.Type) -> (size: Int, alignment: Int) {
    _openExistential(type, do: sizeAndAlignment)
  }
}

private func sizeAndAlignment<V>(of _: V.Type) -> (size: Int, alignment: Int) {
  (MemoryLayout<V>.size, MemoryLayout<V>.alignment)
}

/// A member of an anonymous union, reached through the computed property Swift imports it as.
///
/// Its offset is found by filling a struct with distinct bytes (byte *i* holds *i* + 1), reading the
/// member through its property and locating the bytes it returns.
public struct UnionMemberProbe<Root>: Sendable {
  /// The member's name.
  public let name: String
  let measure: @Sendable () -> (offset: Int?, size: Int, alignment: Int)

  /// The member `name`, read through `keyPath` (the computed property Swift imports it as).
  public init<Value>(_ name: String, _ keyPath: KeyPath<Root, Value> & Sendable) {
    self.name = name
    self.measure = {
      let size = MemoryLayout<Value>.size
      return (locate(keyPath), size, MemoryLayout<Value>.alignment)
    }
  }
}

/// The offset of the bytes a read through `keyPath` returns, or nil when they are not one run of
/// the struct's bytes (or the struct is too large for distinct byte values).
private func locate<Root, Value>(_ keyPath: KeyPath<Root, Value>) -> Int? {
  let size = MemoryLayout<Root>.size
  guard size > 0, size <= Int(UInt8.max) else { return nil }
  let storage = UnsafeMutableRawPointer.allocate(
    byteCount: size, alignment: MemoryLayout<Root>.alignment)
  defer { storage.deallocate() }
  for index in 0..<size {
    storage.storeBytes(of: UInt8(index + 1), toByteOffset: index, as: UInt8.self)
  }
  let value = storage.bindMemory(to: Root.self, capacity: 1).pointee[keyPath: keyPath]
  return withUnsafeBytes(of: value) { bytes -> Int? in
    guard let first = bytes.first, first > 0 else { return nil }
    let offset = Int(first) - 1
    for (index, byte) in bytes.enumerated() where Int(byte) != offset + index + 1 {
      return nil
    }
    return offset
  }
}

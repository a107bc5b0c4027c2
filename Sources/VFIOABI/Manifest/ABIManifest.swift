/// What a C header declares, as the compiler lays it out for one target: every struct and union
/// (size, alignment, packing, fields), every enum constant and every macro that evaluates to an integer.
///
/// The JSON form is the stable schema <doc:HowAHeaderIsRead> documents; a change that
/// alters the meaning of an existing key bumps ``schemaVersion``. Keys are written sorted, so two dumps of
/// the same header are byte-identical and committed baselines diff cleanly.
public struct ABIManifest: Codable, Sendable, Hashable {
  /// The schema version this library writes and reads.
  public static let currentSchemaVersion = 2

  /// The schema version of this manifest.
  public var schemaVersion: Int
  /// The header as it was named when the manifest was made: a path or `<linux/vfio.h>`.
  public var header: String
  /// The clang target triple the layouts and values were computed for.
  public var target: String
  /// Structs and unions defined in the header itself (not in headers it includes), in source order.
  public var records: [ABIRecord]
  /// Enum constants defined in the header itself, in source order.
  public var enumConstants: [ABIEnumConstant]
  /// Object-like macros defined in the header itself whose expansion is an integer constant expression,
  /// ioctl request numbers included, in source order.
  public var macros: [ABIMacro]
  /// What else a user including the header sees: the records, enum constants and integer macros of the
  /// files it includes that lie below the dump's own roots (its `-I` directories, a header file's
  /// directory), so a declaration that moved into one of them is not judged removed. Absent when there
  /// is none (an optional key: older manifests and readers are unaffected).
  public var included: [ABIIncludedDeclaration]?

  /// A manifest of the current schema version.
  public init(
    header: String, target: String, records: [ABIRecord], enumConstants: [ABIEnumConstant],
    macros: [ABIMacro], included: [ABIIncludedDeclaration]? = nil
  ) {
    self.schemaVersion = Self.currentSchemaVersion
    self.header = header
    self.target = target
    self.records = records
    self.enumConstants = enumConstants
    self.macros = macros
    self.included = included
  }
}

/// A declaration another file makes, visible through the header.
public struct ABIIncludedDeclaration: Codable, Sendable, Hashable {
  /// Which sort of declaration it is.
  public enum Kind: String, Codable, Sendable, Hashable {
    /// A struct or union.
    case record
    /// An enumerator.
    case enumConstant
    /// An object-like macro with an integer value.
    case macro
  }

  /// Which sort of declaration it is.
  public var kind: Kind
  /// The record's tag, or the constant's or macro's name.
  public var name: String
  /// The defining file, relative to the root it was found under (`linux/types.h`).
  public var file: String
  /// For an enum constant or macro, its value as in ``ABIEnumConstant/value``.
  public var value: String?

  /// A declaration `name` made in `file`.
  public init(kind: Kind, name: String, file: String, value: String? = nil) {
    self.kind = kind
    self.name = name
    self.file = file
    self.value = value
  }
}

/// A struct or union.
public struct ABIRecord: Codable, Sendable, Hashable {
  /// Whether a record is a struct or a union.
  public enum Kind: String, Codable, Sendable, Hashable {
    /// `struct`.
    case `struct`
    /// `union`.
    case union
  }

  /// The tag name, without `struct`/`union`; for a record without a tag, the typedef that names it.
  public var name: String
  /// Whether it is a struct or a union.
  public var kind: Kind
  /// True for a record without a tag that a typedef names (`typedef struct { … } guid_t;`), which C code
  /// spells `guid_t`, not `struct guid_t`; absent otherwise (an optional key: older manifests and
  /// readers are unaffected).
  public var namedByTypedef: Bool?
  /// `sizeof`, in bytes.
  public var size: Int
  /// `_Alignof`, in bytes.
  public var alignment: Int
  /// Whether the record carries the `packed` attribute.
  public var packed: Bool
  /// The members in declaration order. Members of anonymous structs and unions are listed in place of
  /// the anonymous member, at their offset in this record, because C code names them as if they were
  /// direct members.
  public var fields: [ABIField]

  /// A record as clang lays it out; `namedByTypedef` is true for a tagless record a typedef names.
  public init(
    name: String, kind: Kind, size: Int, alignment: Int, packed: Bool, fields: [ABIField], namedByTypedef: Bool? = nil
  ) {
    self.name = name
    self.kind = kind
    self.namedByTypedef = namedByTypedef
    self.size = size
    self.alignment = alignment
    self.packed = packed
    self.fields = fields
  }

  /// The type as C code names it: `struct vfio_device_info`, or `guid_t` for one a typedef names.
  public var spelling: String { namedByTypedef == true ? name : "\(kind.rawValue) \(name)" }
}

/// A member of a struct or union.
public struct ABIField: Codable, Sendable, Hashable {
  /// The member's name; members of anonymous structs and unions carry their own.
  public var name: String
  /// The type as the header spells it after macro expansion, e.g. `__u64` or `__u8[8]`.
  public var type: String
  /// The type with typedefs resolved all the way down — array elements, pointees, function pointers'
  /// parameters and results — e.g. `unsigned long long` or `unsigned int[4]`; what type changes are
  /// judged on. A struct, union or enum without a tag is `struct (unnamed)`. (Schema version 1 resolved
  /// only the outermost typedef.)
  public var canonicalType: String
  /// Offset from the start of the record, in bytes. For a bit-field, the byte its bits start in.
  public var offset: Int
  /// `sizeof` the member's type, in bytes: 0 for a flexible array member; the declared type's size for
  /// a bit-field.
  public var size: Int
  /// For a bit-field, the first bit within the byte at ``offset`` (0-based, in the target's bit order).
  public var bitOffset: Int?
  /// For a bit-field, its width in bits.
  public var bitWidth: Int?

  /// A member as clang lays it out; `bitOffset` and `bitWidth` only for a bit-field.
  public init(
    name: String, type: String, canonicalType: String, offset: Int, size: Int, bitOffset: Int? = nil,
    bitWidth: Int? = nil
  ) {
    self.name = name
    self.type = type
    self.canonicalType = canonicalType
    self.offset = offset
    self.size = size
    self.bitOffset = bitOffset
    self.bitWidth = bitWidth
  }

  /// Whether this is a flexible array member (`T name[]`).
  public var isFlexibleArray: Bool { type.hasSuffix("[]") }
}

/// An enumerator.
public struct ABIEnumConstant: Codable, Sendable, Hashable {
  /// The enumerator's name.
  public var name: String
  /// The enum's tag, or nil for an anonymous `enum { … }`.
  public var enumName: String?
  /// The value in decimal, as C computes it.
  public var value: String

  /// Enumerator `name` of enum `enumName` with decimal `value`.
  public init(name: String, enumName: String?, value: String) {
    self.name = name
    self.enumName = enumName
    self.value = value
  }
}

/// An object-like macro whose expansion is an integer constant expression.
public struct ABIMacro: Codable, Sendable, Hashable {
  /// The macro's name.
  public var name: String
  /// The replacement text as written after `#define NAME`.
  public var definition: String
  /// The value in decimal, as C computes it in the expression's own type (negative only for a signed
  /// type, so `(1 << 31)` is `-2147483648` and `_IOR(…)` is unsigned).
  public var value: String

  /// Macro `name`, defined as `definition`, with decimal `value`.
  public init(name: String, definition: String, value: String) {
    self.name = name
    self.definition = definition
    self.value = value
  }
}

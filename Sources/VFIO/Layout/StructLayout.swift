/// The layout of one C struct as one source sees it: size, alignment, packing and every member.
public struct StructLayout: Sendable, Hashable {
  /// The struct's tag, without `struct`.
  public var name: String
  /// `sizeof`, in bytes.
  public var size: Int
  /// `_Alignof`, in bytes.
  public var alignment: Int
  /// Whether the struct is packed: aligned less than its most aligned member's type.
  public var isPacked: Bool
  /// The members in declaration order, flexible array member included.
  public var fields: [FieldLayout]

  /// A struct `name` of `size` bytes aligned to `alignment`, with `fields` in declaration order.
  public init(name: String, size: Int, alignment: Int, isPacked: Bool, fields: [FieldLayout]) {
    self.name = name
    self.size = size
    self.alignment = alignment
    self.isPacked = isPacked
    self.fields = fields
  }

  /// The member called `name`, if the struct has one.
  public func field(_ name: String) -> FieldLayout? {
    fields.first { $0.name == name }
  }

  /// Where the variable-length payload starts: the flexible array member's offset.
  ///
  /// For every struct of `<linux/vfio.h>` this equals ``size``, so an allocation of
  /// `size + payload` bytes holds the payload right after the fixed part.
  public var flexibleArrayOffset: Int? {
    fields.first(where: \.isFlexibleArray)?.offset
  }

  /// Unoccupied bytes between members, in offset order. Members of one anonymous union overlap;
  /// the union's extent is that of its largest member.
  public var holes: [LayoutGap] {
    var gaps: [LayoutGap] = []
    var end = 0
    var last: String?
    for field in occupying {
      if field.offset > end {
        gaps.append(LayoutGap(offset: end, size: field.offset - end, after: last))
      }
      if field.bytes.upperBound >= end {
        end = field.bytes.upperBound
        last = field.name
      }
    }
    return gaps
  }

  /// Unoccupied bytes after the last member, up to ``size``: 0 when the members fill the struct.
  public var tailPadding: LayoutGap {
    let last = occupying.max { $0.bytes.upperBound < $1.bytes.upperBound }
    let end = last?.bytes.upperBound ?? 0
    return LayoutGap(offset: end, size: max(0, size - end), after: last?.name)
  }

  /// Members that occupy bytes, by offset (a flexible array member occupies none).
  private var occupying: [FieldLayout] {
    fields.filter { !$0.isFlexibleArray && $0.size > 0 }.sorted { $0.offset < $1.offset }
  }
}

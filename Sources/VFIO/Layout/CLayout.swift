import CVFIO

/// The C compiler's layout of every struct the header defines, read from `CVFIO_layout.h`, whose
/// `sizeof`/`_Alignof`/`offsetof` expressions were compiled with the header the package was built
/// against.
enum CLayout {
  static func structs() -> [StructLayout] {
    var count = 0
    guard let records = cvfio_layout_records(&count) else { return [] }
    return UnsafeBufferPointer(start: records, count: count).map(describe)
  }

  private static func describe(_ record: cvfio_layout_record) -> StructLayout {
    let entries = UnsafeBufferPointer(start: record.fields, count: record.field_count)
    let fields = entries.map { entry in
      FieldLayout(
        name: String(cString: entry.name),
        offset: entry.offset,
        size: entry.size,
        isFlexibleArray: entry.flexible_array != 0,
        anonymousUnion: entry.anonymous_union == 0 ? nil : Int(entry.anonymous_union)
      )
    }
    let mostAligned = entries.map(\.alignment).max() ?? 1
    return StructLayout(
      name: String(cString: record.name),
      size: record.size,
      alignment: record.alignment,
      isPacked: record.alignment < mostAligned,
      fields: fields
    )
  }
}

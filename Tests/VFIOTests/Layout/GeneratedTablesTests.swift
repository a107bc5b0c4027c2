import Foundation
import Testing

@Suite("Generated layout tables")
struct GeneratedTablesTests {
  @Test("CVFIO_layout.h, CVFIO_header_probe.h and SwiftStructTable.swift are what the generator makes")
  func upToDate() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let swift = URL(fileURLWithPath: Toolchain.clang).deletingLastPathComponent()
      .appendingPathComponent("swift").path
    let output = try Toolchain.run(
      swift, [root.appendingPathComponent("scripts/generate-layout.swift").path, "--check"])
    print("generate-layout --check: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
  }
}

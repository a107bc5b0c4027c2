import CVFIO
import Foundation
import Testing
import VFIO
import VFIOABI

@Suite("Manifests of vfio.h")
struct ManifestTests {
  static func installed(_ target: ABITarget? = nil) throws -> ABIManifest {
    try ABIManifest.dump(header: .vfio, target: target)
  }

  @Test("vfio_iommu_type1_info: 24 bytes on x86_64, 20 on i386 unless iova_pgsizes is __aligned_u64")
  func i386DiffersFromX86_64() throws {
    // The installed vfio.h as a file for both targets: the i386 cross package carries a vfio.h of
    // this machine's release, which may not be the installed header's generation.
    let header = ABIHeader.file("/usr/include/linux/vfio.h")
    let x86Manifest = try ABIManifest.dump(header: header, target: .x86_64)
    let i386Manifest = try ABIManifest.dump(header: header, target: .i386)
    let x86 = try #require(x86Manifest.records.first { $0.name == "vfio_iommu_type1_info" })
    let i386 = try #require(i386Manifest.records.first { $0.name == "vfio_iommu_type1_info" })
    #expect(x86.size == MemoryLayout<vfio_iommu_type1_info>.size)
    let sizeFinding = ABIDiff(old: i386Manifest, new: x86Manifest).findings.first {
      $0.kind == .recordSizeChanged && $0.declaration == "struct vfio_iommu_type1_info"
    }
    // 6.1 declares `__u64 iova_pgsizes`, which i386 aligns to 4; 6.12 declares it `__aligned_u64` (a
    // macro adding aligned(8)) and adds `pad`, so both architectures agree. The header says which.
    let text = try String(contentsOfFile: "/usr/include/linux/vfio.h", encoding: .utf8)
    let aligned = text.contains(/__aligned_u64\s+iova_pgsizes/)
    if aligned {
      #expect(i386.size == x86.size)
      #expect(sizeFinding == nil)
    } else {
      #expect(x86.alignment == 8 && i386.alignment == 4)
      #expect(x86.size - i386.size == 4)
      #expect(sizeFinding != nil)
    }
    print("vfio_iommu_type1_info (\(aligned ? "__aligned_u64" : "__u64") iova_pgsizes): \(x86.size) bytes on x86_64, \(i386.size) on i386")
  }

  @Test("Sizes and offsets agree with the structs Swift imports")
  func agreesWithSwift() throws {
    let records = Dictionary(uniqueKeysWithValues: try Self.installed().records.map { ($0.name, $0) })
    let swiftSizes: [(String, Int)] = [
      ("vfio_info_cap_header", MemoryLayout<vfio_info_cap_header>.size),
      ("vfio_device_info", MemoryLayout<vfio_device_info>.size),
      ("vfio_region_info", MemoryLayout<vfio_region_info>.size),
      ("vfio_irq_set", MemoryLayout<vfio_irq_set>.size),
      ("vfio_iommu_type1_dma_map", MemoryLayout<vfio_iommu_type1_dma_map>.size),
      ("vfio_device_migration_info", MemoryLayout<vfio_device_migration_info>.size),
    ]
    for (name, size) in swiftSizes { #expect(records[name]?.size == size, "\(name)") }
    let region = try #require(records["vfio_region_info"])
    #expect(region.fields.first { $0.name == "offset" }?.offset == MemoryLayout<vfio_region_info>.offset(of: \.offset))
  }

  @Test("Ioctl numbers equal the VFIO library's for every target", arguments: ABITarget.known)
  func ioctlNumbers(_ target: ABITarget) throws {
    let manifest = try Self.installed(target)
    let encoding = try #require(IoctlEncoding(architecture: target.name))
    let macros = Dictionary(manifest.macros.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    var checked = 0
    for ioctl in VFIOIoctl.all {
      guard let value = macros[ioctl.name] else { continue }
      #expect(value == String(ioctl.request(for: encoding).rawValue), "\(ioctl.name) on \(target)")
      checked += 1
    }
    #expect(checked > 20)
    print("checked \(checked) ioctl numbers of \(target) against the VFIO library")
  }

  @Test("The installed header matches the committed baseline of its generation")
  func matchesBaseline() throws {
    let selection = try Fixture.baseline()
    let current = try Self.installed(.x86_64)
    let diff = ABIDiff(old: selection.manifest, new: current)
    guard selection.exact else {
      // Newer than every committed generation, it may only add to the newest baseline; between two,
      // it may also carry the kernel's own breaks between them.
      let unexplained = try selection.unexplainedBreaks(in: diff)
      #expect(unexplained.isEmpty, "\(unexplained)")
      print("Linux \(LinuxVersion.headers) has no baseline: against vfio-\(selection.generation).json \(diff.findings.count) findings,"
        + " \(diff.findings.filter(\.breaking).count) breaking, each a break the kernel made between the baselines")
      return
    }
    #expect(diff.findings.isEmpty, "\(diff.findings)")
    #expect(current.records == selection.manifest.records)
    #expect(current.enumConstants == selection.manifest.enumConstants)
    #expect(current.macros == selection.manifest.macros)
    print(
      "baseline \(selection.generation) (Linux \(LinuxVersion.headers)): \(current.records.count) records, \(current.enumConstants.count) enum constants, \(current.macros.count) macros")
  }

  /// What each kernel release broke for binaries, as the diff of the committed baselines reports it.
  static let knownBreaks: [String: Set<String>] = [
    // Linux 5.18 gave VFIO_DEVICE_STATE_STOP and _RUNNING to the v2 enum: code built on 5.10 names the
    // wrong values.
    "5.10 → 6.1": ["VFIO_DEVICE_STATE_STOP", "VFIO_DEVICE_STATE_RUNNING"],
    "6.1 → 6.12": [],
    "6.12 → 7.2": [],
    "7.2 → 7.3": [],
  ]

  /// What each release broke only for code that names it: names removed, values kept in binaries.
  static let knownSourceBreaks: [String: Set<String>] = [
    // Linux 5.18 renamed the rest of the v1 migration interface (VFIO_DEVICE_STATE_V1_*, *_DEPRECATED).
    "5.10 → 6.1": ["VFIO_REGION_TYPE_MIGRATION", "VFIO_REGION_SUBTYPE_MIGRATION", "VFIO_DEVICE_STATE_SAVING"],
    "6.1 → 6.12": [],
    // Linux 6.13 renamed the unsupported nesting type __VFIO_RESERVED_TYPE1_NESTING_IOMMU.
    "6.12 → 7.2": ["VFIO_TYPE1_NESTING_IOMMU"],
    // Linux 7.3 only adds (the zPCI error feature).
    "7.2 → 7.3": [],
  ]

  @Test("Consecutive generations: exactly the kernel's own breaks; count sentinels grow compatibly")
  func consecutiveGenerations() throws {
    let generations = try ABIBaseline.generations()
    #expect(generations.count >= 4)
    var sentinels = 0
    for (old, new) in zip(generations, generations.dropFirst()) {
      let diff = ABIDiff(old: try ABIBaseline.manifest(generation: old), new: try ABIBaseline.manifest(generation: new))
      let breaking = Set(diff.findings.filter(\.breaking).map(\.declaration))
      let pair = "\(old) → \(new)"
      #expect(breaking == Self.knownBreaks[pair], "\(pair): \(breaking.sorted())")
      let sourceBreaking = Set(diff.findings.filter { $0.verdict == .sourceBreaking }.map(\.declaration))
      #expect(sourceBreaking == Self.knownSourceBreaks[pair], "\(pair): \(sourceBreaking.sorted())")
      let grown = diff.findings.filter { $0.kind == .sentinelGrew }
      for finding in grown { #expect(finding.declaration.contains("_NUM_"), "\(pair): \(finding.declaration)") }
      sentinels += grown.count
      let grew = grown.isEmpty ? "" : " (\(grown.map(\.declaration).joined(separator: ", ")) grew)"
      print("\(pair): \(breaking.count) breaking, \(sourceBreaking.count) source-breaking, \(diff.findings.count - breaking.count - sourceBreaking.count) compatible\(grew)")
    }
    #expect(sentinels >= 2, "VFIO_CCW_NUM_IRQS (5.10 → 6.1) and VFIO_AP_NUM_IRQS (6.12 → 7.2) grow")
  }

  @Test("A count sentinel that shrinks is breaking, one that grows is not")
  func shrinkingSentinel() throws {
    let base = try ABIBaseline.manifest(generation: "6.1")
    guard let index = base.enumConstants.firstIndex(where: { $0.name == "VFIO_PCI_NUM_IRQS" }) else {
      Issue.record("6.1 has no VFIO_PCI_NUM_IRQS")
      return
    }
    var smaller = base
    smaller.enumConstants[index].value = "4"
    let finding = { (old: ABIManifest, new: ABIManifest) in
      ABIDiff(old: old, new: new).findings.first { $0.declaration == "VFIO_PCI_NUM_IRQS" }
    }
    #expect(finding(base, smaller)?.breaking == true)
    #expect(finding(smaller, base)?.breaking == false)
  }

  @Test("A raw UAPI source is installed like headers_install does")
  func rawUAPISource() throws {
    let manifest = try ABIManifest.dump(header: .file(try Fixture.path("raw", "raw.h")))
    let record = try #require(manifest.records.first)
    #expect(record.packed)
    #expect(record.size == MemoryLayout<UnsafeRawPointer>.size + MemoryLayout<UInt32>.size)
  }

  @Test("The JSON form round-trips")
  func jsonRoundTrip() throws {
    let manifest = try Self.installed()
    #expect(try ABIManifest(json: manifest.jsonData(), source: "memory") == manifest)
  }
}

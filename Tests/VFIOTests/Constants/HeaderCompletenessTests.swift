import Testing
import VFIO
import VFIOABI

/// Integer constants of `<linux/vfio.h>` (any generation) that no Swift constant stands for, each
/// with the reason. Everything else the header defines must be known to the package, so a new
/// header's additions fail this test until they are typed.
let constantsNotWrapped: [String: String] = [
  "VFIO_API_VERSION": "compared by VFIOContainer with the kernel's answer, not a constant of a type",
  "VFIO_TYPE": "the ioctl type, checked as CVFIO_TYPE",
  "VFIO_BASE": "the ioctl base number, folded into every request number",
  "VFIO_DEVICE_STATE_MASK": "v1: MigrationStateV1.mask, checked by the migration oracle",
  "VFIO_DEVICE_STATE_SAVING": "v1 bit under its 5.8 name: MigrationStateV1.saving, checked by the migration oracle",
  "VFIO_DEVICE_STATE_V1_STOP": "v1: MigrationStateV1.stop, checked by the migration oracle",
  "VFIO_DEVICE_STATE_V1_RUNNING": "v1: MigrationStateV1.running, checked by the migration oracle",
  "VFIO_DEVICE_STATE_V1_SAVING": "v1: MigrationStateV1.saving, checked by the migration oracle",
  "VFIO_DEVICE_STATE_V1_RESUMING": "v1: MigrationStateV1.resuming, checked by the migration oracle",
  "VFIO_DEVICE_STATE_NR": "v2: the count of MigrationState.allKnown, checked by the migration tests",
  "__VFIO_RESERVED_TYPE1_NESTING_IOMMU": "the 6.13 name of VFIOExtension.type1NestingIOMMU (same value)",
  "VFIO_REGION_TYPE_MIGRATION": "the 5.8 name of RegionType.migrationDeprecated (same value)",
  "VFIO_REGION_SUBTYPE_MIGRATION": "the 5.8 name of RegionSubtype.migrationDeprecated (same value)",
]

/// The C names the package knows: constants of its types, request numbers, migration states.
let knownCNames: Set<String> = {
  var names = Set(swiftConstants.map(\.cName)).union(constantsNotWrapped.keys)
  names.formUnion(VFIOIoctl.all.map(\.name))
  for state in MigrationState.allKnown {
    if let name = state.name { names.insert("VFIO_DEVICE_STATE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")) }
  }
  return names
}()

/// The integer constants `manifest` defines that the package does not know.
func unknownConstants(in manifest: ABIManifest) -> [String] {
  let names = manifest.macros.filter { Int64($0.value) != nil }.map(\.name) + manifest.enumConstants.map(\.name)
  return names.filter { !knownCNames.contains($0) }.sorted()
}

@Suite("Every constant of the installed header is known to the package")
struct HeaderCompletenessTests {
  @Test("Every integer macro and enumerator of the installed vfio.h is typed or listed as not wrapped")
  func everyConstantIsKnown() throws {
    let manifest = try ManifestLayouts.currentHeader()
    let unknown = unknownConstants(in: manifest)
    HeaderGeneration.judgeUnknown(unknown, "constants")
    print("header \(HeaderGeneration.current): \(manifest.macros.count) macros and \(manifest.enumConstants.count) enumerators, \(unknown.count) unknown to the package")
  }

  @Test("Every committed generation's constants are known to the package")
  func everyGenerationIsKnown() throws {
    for generation in try ABIBaseline.generations() {
      let unknown = unknownConstants(in: try ABIBaseline.manifest(generation: generation))
      #expect(unknown.isEmpty, "Linux \(generation): \(unknown)")
    }
  }

  @Test("A macro or enumerator a newer header adds is reported")
  func newDefinitionsAreReported() throws {
    var newer = try ManifestLayouts.currentHeader()
    // The installed header may itself be newer than the package (reported by the test above).
    let already = unknownConstants(in: newer)
    newer.macros.append(ABIMacro(name: "VFIO_FUTURE_FLAG", definition: "(1 << 9)", value: "512"))
    newer.enumConstants.append(ABIEnumConstant(name: "VFIO_FUTURE_IRQ_INDEX", enumName: nil, value: "7"))
    #expect(unknownConstants(in: newer) == (already + ["VFIO_FUTURE_FLAG", "VFIO_FUTURE_IRQ_INDEX"]).sorted())
  }
}

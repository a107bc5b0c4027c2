// libFuzzer entry: the device layer's calls against a kernel whose every answer comes
// from the input. Errors are expected; a trap, a hang, a leak or an out-of-bounds access is not.
// The harness (Tests/FakeKernel with Fuzz/Kernel/FuzzKernel.swift) is module FakeKernel (scripts/fuzz.sh).
import CVFIO
import FakeKernel
import SystemPackage
import VFIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzKernel.begin(UnsafeRawBufferPointer(start: data, count: size))
  let device = VFIODevice(unsafeAdopting: FuzzKernel.device.descriptor(), name: "fuzz")
  // Small limits keep each input short; the limit checks themselves are what is fuzzed.
  _ = try? device.describe(regionLimit: 16, irqLimit: 8)
  if let region = try? device.regionInfo(RegionIndex(rawValue: UInt32(FuzzKernel.input.byte() % 10))).info {
    _ = try? device.read(UInt32.self, region: region, at: FuzzKernel.input.u64())
    try? device.write(UInt16(7), region: region, at: FuzzKernel.input.u64())
    _ = try? device.map(region: region)
  }
  _ = try? device.hotResetDependencies(limit: 64)
  try? device.triggerIRQ(index: IRQIndex(rawValue: UInt32(FuzzKernel.input.byte() % 5)), vector: FuzzKernel.input.u32())
  if var bitmap = try? DirtyBitmap(baseIOVA: 0, length: 64 * 4096, pageSize: 4096) {
    _ = try? device.startDMALogging(ranges: [DMALoggingRange(iova: 0, length: 64 * 4096)], pageSize: 4096)
    try? device.reportDMALogging(into: &bitmap)
    _ = bitmap.dirtyRanges.reduce(0) { $0 &+ $1.length }
  }
  let flags = (try? device.migrationFlags()) ?? []
  _ = try? device.migrationState()
  _ = try? device.stopCopyDataSize()
  if case .saving(let file)? = try? device.migrate(to: .stopCopy, supported: flags) {
    var buffer = [UInt8](repeating: 0, count: 64)
    for _ in 0..<4 { _ = try? buffer.withUnsafeMutableBytes { try file.read(into: $0) } }
    _ = try? file.precopyInfo()
  }
  let container = VFIOContainer(unsafeAdopting: FuzzKernel.container.descriptor())
  _ = try? container.iommuInfo()
  if var bitmap = try? DirtyBitmap(baseIOVA: 0, length: 64 * 4096, pageSize: 4096) {
    try? container.readDirtyPages(into: &bitmap)
    _ = try? container.unmapDMA(collectingDirtyPagesInto: &bitmap)
    _ = bitmap.dirtyPageCount
  }
  if let iommufd = try? IOMMUFD(path: FuzzKernel.iommufd.path) {
    _ = try? iommufd.iovaRanges(ioas: IOASID(rawValue: 1), limit: 64)
  }
  return 0
}

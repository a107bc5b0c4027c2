// libFuzzer entry: the v1 migration region loops (stop-and-copy, pre-copy, resume, state
// changes) against a vendor driver whose every register read comes from the input.
// The harness (Tests/FakeKernel with Fuzz/Kernel/FuzzKernel.swift) is module FakeKernel (scripts/fuzz.sh).
import FakeKernel
import SystemPackage
import VFIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzKernel.begin(UnsafeRawBufferPointer(start: data, count: size))
  let fd = FuzzKernel.device.descriptor()
  defer { try? fd.close() }
  let input = FuzzKernel.input
  guard let region = try? MigrationRegionV1(io: fd, offset: input.u64() % (1 << 40), size: input.u64() % (1 << 44)) else {
    return 0
  }
  _ = try? region.setDeviceState(MigrationStateV1(rawValue: input.u32()))
  _ = try? region.savePreCopy(maxIterations: Int(input.byte() % 8)) { _ in }
  // Every register read takes input bytes, so even a driver that never stops ends with the input.
  _ = try? region.saveStopAndCopy { _ in }
  let chunk = [UInt8](repeating: 0xA5, count: Int(input.byte()))
  _ = try? chunk.withUnsafeBytes { try region.resume(chunk: $0) }
  return 0
}

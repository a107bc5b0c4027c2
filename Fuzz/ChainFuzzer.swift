// libFuzzer entry for the capability chain parser and decoders.
//
// The first input byte picks the info struct (device, region, IOMMU type1);
// the rest is the info buffer as the kernel would have filled it. Besides
// "no crash, no hang, no out-of-bounds read" (AddressSanitizer), every chain
// the parser accepts must satisfy the invariants checked below.
import CVFIO
@testable import VFIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let buffer = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
  switch data[0] % 3 {
  case 0: check(vfio_device_info.self, buffer)
  case 1: check(vfio_region_info.self, buffer)
  default: check(vfio_iommu_type1_info.self, buffer)
  }
  return 0
}

private func check<Info: CapabilityChainHeader>(_: Info.Type, _ buffer: UnsafeRawBufferPointer) {
  let raw: [RawCapability]
  do {
    raw = try Info.rawCapabilities(in: buffer)
  } catch {
    _ = error.description
    return
  }
  var end = MemoryLayout<Info>.size
  for capability in raw {
    // Capabilities lie after the fixed struct, in order, without overlap, inside the buffer.
    guard capability.offset >= end, capability.offset + capability.bytes.count <= buffer.count,
      capability.bytes.count >= MemoryLayout<vfio_info_cap_header>.size
    else { fatalError("chain invariant broken at offset \(capability.offset)") }
    end = capability.offset + capability.bytes.count
    do {
      _ = try Info.decode(capability)
    } catch {
      _ = error.description
    }
  }
}

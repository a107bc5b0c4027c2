// libFuzzer entry for the manifest decoder and the diff.
//
// The input is two manifests as `vfio abi dump` writes them, separated by a NUL byte (without one, the
// same bytes are both sides). Whatever decodes is diffed, with the target check and without, and both
// reports are rendered.
import Foundation
@testable import VFIOABI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let separator = bytes.firstIndex(of: 0) ?? size
  let old = Data(bytes[0..<separator])
  let new = separator < size ? Data(bytes[(separator + 1)...]) : old
  let oldManifest: ABIManifest
  let newManifest: ABIManifest
  do {
    oldManifest = try ABIManifest(json: old, source: "old")
    newManifest = try ABIManifest(json: new, source: "new")
  } catch {
    _ = error.description
    return 0
  }
  do {
    let diff = try ABIDiff(comparing: oldManifest, with: newManifest)
    render(diff)
  } catch {
    _ = error.description
  }
  render(ABIDiff(old: oldManifest, new: newManifest))
  _ = ABIManifestText(oldManifest).rendered
  _ = oldManifest.jsonData()
  return 0
}

private func render(_ diff: ABIDiff) {
  let report = ABIReport(diff)
  _ = report.text(colour: false)
  _ = report.json()
}

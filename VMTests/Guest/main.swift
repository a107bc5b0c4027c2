import CVFIO
import SystemPackage
import VFIO

// The VM suite's guest program: drives the VFIO package against the real
// kernel with QEMU's edu device and an e1000e bound to vfio-pci.
//   VFIOVMGuest --edu 0000:01:00.0 --e1000e 0000:00:02.0 [--mtty UUID]
//   VFIOVMGuest --noiommu --edu 0000:01:00.0
//   VFIOVMGuest --cdev /dev/vfio/devices/vfio0 --edu 0000:01:00.0

func argument(_ flag: String) -> String? {
  let arguments = CommandLine.arguments
  guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

var log = StepLog()
// The async runtime (libdispatch's epoll, eventfd and timerfd) and the package's event poller
// (one epoll descriptor and thread) live as long as the process: start them before the
// descriptor listings that find leaks.
log.step("async runtime and event poller started") {
  let event = try VFIOEventFD()
  try event.signal()
  let count = try blockingAwait { try await event.wait() }
  try require(count == 1, "counted \(count)")
  return "an awaited eventfd counted 1"
}
if let cdev = argument("--cdev"), let edu = argument("--edu") {
  let descriptorsBefore = settledDescriptors()
  do { try runCdevSuite(&log, cdev: cdev, edu: edu) } catch { log.fail("cdev suite aborted", error) }
  checkNoDescriptorLeft(&log, before: descriptorsBefore)
} else if CommandLine.arguments.contains("--noiommu"), let edu = argument("--edu") {
  let descriptorsBefore = settledDescriptors()
  do { try runNoIOMMUSuite(&log, edu: edu) } catch { log.fail("noiommu suite aborted", error) }
  checkNoDescriptorLeft(&log, before: descriptorsBefore)
} else if let edu = argument("--edu"), let e1000e = argument("--e1000e") {
  let descriptorsBefore = settledDescriptors()
  do {
    try runSuite(&log, edu: edu, e1000e: e1000e)
  } catch {
    log.fail("suite aborted", error)
  }
  if let mtty = argument("--mtty") {
    do { try runMttySuite(&log, uuid: mtty) } catch { log.fail("mtty suite aborted", error) }
  }
  checkNoDescriptorLeft(&log, before: descriptorsBefore)
} else {
  log.step("arguments") { throw GuestFailure("usage: VFIOVMGuest --edu BDF --e1000e BDF [--mtty UUID] | --noiommu --edu BDF | --cdev PATH --edu BDF") }
}
log.printVerdict()

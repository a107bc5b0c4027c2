import CBaselines
import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

// Issues VFIO_GET_API_VERSION on /dev/null `count` times, through the VFIO API
// or through C, and nothing else: run under callgrind at two counts, the
// difference divided by the extra calls is the user-space instructions per call.
let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), ["vfio", "c"].contains(arguments[1])
else {
  print("usage: IoctlInstructionProbe vfio|c COUNT")
  exit(2)
}
let null = try FileDescriptor.open("/dev/null", .readWrite)
var failures = 0
if arguments[1] == "vfio" {
  let container = ContainerDescriptor(null)
  for _ in 0..<count {
    do { _ = try container.ioctl(.getAPIVersion, nil) } catch { failures += 1 }
  }
} else {
  failures = cbaseline_get_api_version(null.rawValue, count)
}
try null.close()
print(failures)

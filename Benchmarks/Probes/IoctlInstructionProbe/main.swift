import CBaselines
import SystemPackage
import VFIO

#if canImport(Glibc)
import Glibc
#endif

// VFIO_GET_API_VERSION on /dev/null, through the VFIO API or through C, and
// nothing else.
//   vfio|c COUNT   issue COUNT calls: under callgrind at two counts, the
//                  difference per extra call is the user-space instructions per call.
//   time ROUNDS    alternate batches of VFIO and C calls and print the best
//                  batch of each per call: interleaving keeps both sides under
//                  the same machine load, the best batch drops the noise.
let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), ["vfio", "c", "time"].contains(arguments[1])
else {
  print("usage: IoctlInstructionProbe vfio|c COUNT | time ROUNDS")
  exit(2)
}
let null = try FileDescriptor.open("/dev/null", .readWrite)
let container = ContainerDescriptor(unsafeAssumingKind: null)

@inline(never)
func vfioCalls(_ count: Int) -> Int {
  var failures = 0
  for _ in 0..<count {
    do { _ = try container.ioctl(.getAPIVersion) } catch { failures += 1 }
  }
  return failures
}

@inline(never)
func cCalls(_ count: Int) -> Int { cbaseline_get_api_version(null.rawValue, count) }

switch arguments[1] {
case "vfio": print(vfioCalls(count))
case "c": print(cCalls(count))
default:
  let batch = 20_000
  let clock = ContinuousClock()
  var best = (vfio: Duration.seconds(1_000), c: Duration.seconds(1_000))
  for round in 0..<count {
    if round % 2 == 0 {
      best.vfio = min(best.vfio, clock.measure { _ = vfioCalls(batch) })
      best.c = min(best.c, clock.measure { _ = cCalls(batch) })
    } else {
      best.c = min(best.c, clock.measure { _ = cCalls(batch) })
      best.vfio = min(best.vfio, clock.measure { _ = vfioCalls(batch) })
    }
  }
  func nanoseconds(_ d: Duration) -> Double {
    (Double(d.components.seconds) * 1e18 + Double(d.components.attoseconds)) / 1e9 / Double(batch)
  }
  let (v, c) = (nanoseconds(best.vfio), nanoseconds(best.c))
  print("ioctl GET_API_VERSION, interleaved batches of \(batch), best of \(count): VFIO \(Int(v.rounded())) ns, C \(Int(c.rounded())) ns per call, wall time VFIO/C = \(Double(Int((v / c * 1000).rounded())) / 1000)")
}
try null.close()

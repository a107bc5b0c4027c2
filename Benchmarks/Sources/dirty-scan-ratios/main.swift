// Prints the Swift/C throughput ratio of scanning a 32 MiB dirty bitmap at
// each density: swift run -c release --package-path Benchmarks dirty-scan-ratios [ROUNDS]
import DirtyScanWorkload

let rounds = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 15
for (label, density) in densities {
  let comparison = compareScans(makeBitmap(density: density), rounds: rounds)
  let swift = String(format2(comparison.swiftGBps)), c = String(format2(comparison.cGBps))
  print("density \(label): Swift \(swift) GB/s, C \(c) GB/s, Swift/C \(format2(comparison.ratio))x (best of \(rounds))")
}

func format2(_ value: Double) -> String {
  let hundredths = Int((value * 100).rounded())
  let fraction = hundredths % 100
  return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

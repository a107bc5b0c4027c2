import Foundation
import Testing
import VFIO

/// The kernel's own `vfio_mig_get_next_state()`, cut at test time out of the
/// installed kernel source (Debian's linux-source-6.12) and compiled with the
/// toolchain's clang against the UAPI header of the same source tree.
enum KernelNextState {
  static let tarball = ProcessInfo.processInfo.environment["VFIO_LINUX_SOURCE_TARBALL"]
    ?? "/usr/src/linux-source-6.12.tar.xz"
  static let tree = "linux-source-6.12"
  static var available: Bool { FileManager.default.fileExists(atPath: tarball) }

  struct Answer: Hashable {
    let flags: UInt64
    let from: UInt32
    let to: UInt32
    /// nil when the kernel returns an error.
    let next: UInt32?
  }

  /// Every answer for flags 0...7 and states 0...9 (two past the last, to see unknown values refused).
  static func answers() throws -> [Answer] {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("vfio-kernel-fsm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Toolchain.run(
      "/bin/tar",
      ["-xJf", tarball, "-C", directory.path, "\(tree)/drivers/vfio/vfio_main.c", "\(tree)/include/uapi/linux/vfio.h"])
    let main = try String(
      contentsOf: directory.appendingPathComponent("\(tree)/drivers/vfio/vfio_main.c"), encoding: .utf8)
    guard let start = main.range(of: "int vfio_mig_get_next_state("),
      let end = main.range(of: "EXPORT_SYMBOL_GPL(vfio_mig_get_next_state);", range: start.upperBound..<main.endIndex)
    else { throw Toolchain.Failure(description: "vfio_mig_get_next_state not found in \(tarball)") }
    let function = main[start.lowerBound..<end.lowerBound]
    let program = """
      #include <stdio.h>
      #include <errno.h>
      #include <linux/types.h>
      #define __user
      #include "\(directory.path)/\(tree)/include/uapi/linux/vfio.h"
      typedef __u8 u8;
      #define WARN_ON(condition) (condition)
      #define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))
      struct vfio_device { unsigned int migration_flags; };
      \(function)
      int main(void) {
        for (unsigned flags = 0; flags < 8; flags++)
          for (unsigned from = 0; from < 10; from++)
            for (unsigned to = 0; to < 10; to++) {
              struct vfio_device device = { .migration_flags = flags };
              enum vfio_device_mig_state next = VFIO_DEVICE_STATE_ERROR;
              int result = vfio_mig_get_next_state(&device, from, to, &next);
              printf("%u %u %u %d %u\\n", flags, from, to, result, (unsigned)next);
            }
        return 0;
      }
      """
    let output = try Toolchain.compileAndRun(program)
    return try output.split(separator: "\n").map { line in
      let fields = line.split(separator: " ")
      guard fields.count == 5, let flags = UInt64(fields[0]), let from = UInt32(fields[1]),
        let to = UInt32(fields[2]), let result = Int(fields[3]), let next = UInt32(fields[4])
      else { throw Toolchain.Failure(description: "unexpected line from the kernel probe: \(line)") }
      return Answer(flags: flags, from: from, to: to, next: result == 0 ? next : nil)
    }
  }
}

@Suite("v2 state machine against the kernel's own vfio_mig_get_next_state")
struct KernelNextStateTests {
  @Test(
    "nextStep equals the kernel's function for every flag value and state",
    .enabled(if: KernelNextState.available, "needs \(KernelNextState.tarball) (apt linux-source-6.12)"))
  func matchesTheKernel() throws {
    let answers = try KernelNextState.answers()
    #expect(answers.count == 8 * 10 * 10)
    var differences: [String] = []
    for answer in answers {
      let swift = try? MigrationStateMachine.nextStep(
        from: MigrationState(rawValue: answer.from), to: MigrationState(rawValue: answer.to),
        supported: MigrationFlags(rawValue: answer.flags))
      if swift?.rawValue != answer.next {
        differences.append("\(answer.from) -> \(answer.to) flags \(answer.flags): kernel \(String(describing: answer.next)), Swift \(String(describing: swift))")
      }
    }
    #expect(differences.isEmpty, "\(differences.prefix(10))")
    print("compared \(answers.count) (flags, from, to) next steps with the kernel's vfio_mig_get_next_state from \(KernelNextState.tarball)")
  }
}

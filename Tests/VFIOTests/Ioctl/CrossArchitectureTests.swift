import Foundation
import Testing
import VFIO

/// One architecture whose `asm/ioctl.h` Debian ships (`linux-libc-dev-<arch>-cross`).
struct CrossArchitecture: CustomTestStringConvertible, Sendable {
  let name: String
  let includeDirectory: String
  var encoding: IoctlEncoding? { IoctlEncoding(architecture: name) }
  var testDescription: String { "\(name) (\(encoding.map { "\($0)" } ?? "?"))" }

  static let all: [CrossArchitecture] = [
    .init(name: "x86_64", includeDirectory: "/usr/include/x86_64-linux-gnu"),
    .init(name: "aarch64", includeDirectory: "/usr/aarch64-linux-gnu/include"),
    .init(name: "riscv64", includeDirectory: "/usr/riscv64-linux-gnu/include"),
    .init(name: "s390x", includeDirectory: "/usr/s390x-linux-gnu/include"),
    .init(name: "powerpc", includeDirectory: "/usr/powerpc-linux-gnu/include"),
    .init(name: "ppc64le", includeDirectory: "/usr/powerpc64le-linux-gnu/include"),
    .init(name: "mips", includeDirectory: "/usr/mips-linux-gnu/include"),
    .init(name: "sparc64", includeDirectory: "/usr/sparc64-linux-gnu/include"),
    .init(name: "alpha", includeDirectory: "/usr/alpha-linux-gnu/include"),
    .init(name: "hppa", includeDirectory: "/usr/hppa-linux-gnu/include"),
  ]
}

/// A request's fields, as the test feeds them to both Swift and C.
struct IoctlFields: Hashable {
  let direction: IoctlDirection
  let type: Int
  let number: Int
  let size: Int

  /// The C expression for the direction argument of `_IOC`.
  var cDirection: String {
    switch (direction.contains(.read), direction.contains(.write)) {
    case (false, false): "_IOC_NONE"
    case (true, false): "_IOC_READ"
    case (false, true): "_IOC_WRITE"
    case (true, true): "(_IOC_READ|_IOC_WRITE)"
    }
  }

  /// Every direction at the edges of each field, plus `count` seeded random tuples.
  static func cases(maximumSize: Int, count: Int, seed: UInt64) -> [IoctlFields] {
    let directions: [IoctlDirection] = [[], .read, .write, [.read, .write]]
    var result: [IoctlFields] = []
    for direction in directions {
      for type in [0, 1, 0x3b, 254, 255] {
        for number in [0, 1, 100, 254, 255] {
          for size in [0, 1, maximumSize - 1, maximumSize] {
            result.append(.init(direction: direction, type: type, number: number, size: size))
          }
        }
      }
    }
    var generator = SplitMix64(seed: seed)
    for _ in 0..<count {
      result.append(
        .init(
          direction: directions[Int(generator.next() % 4)], type: Int(generator.next() % 256),
          number: Int(generator.next() % 256), size: Int(generator.next() % UInt64(maximumSize + 1))))
    }
    return result
  }
}

/// A small seeded generator, so a failing tuple can be reproduced from the printed seed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Request numbers on every architecture against its asm/ioctl.h")
struct CrossArchitectureTests {
  static let randomCases = 4000
  static let seed: UInt64 = 0x5646_494f

  @Test(arguments: CrossArchitecture.all)
  func encodeAndDecodeMatchC(_ architecture: CrossArchitecture) throws {
    let encoding = try #require(architecture.encoding)
    let header = architecture.includeDirectory + "/asm/ioctl.h"
    try #require(
      FileManager.default.fileExists(atPath: header),
      "\(header) is missing: apt-get install linux-libc-dev-<arch>-cross")
    let cases = IoctlFields.cases(
      maximumSize: encoding.maximumSize, count: Self.randomCases, seed: Self.seed)

    // C builds each request with _IOC and decodes it with _IOC_DIR/TYPE/NR/SIZE.
    let rows = cases.map { "{\($0.cDirection), \($0.type), \($0.number), \($0.size)}," }
    let source = """
      #include <stdio.h>
      #include <asm/ioctl.h>
      static const unsigned int cases[][4] = {
      \(rows.joined(separator: "\n"))
      };
      int main(void) {
        for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
          unsigned int r = _IOC(cases[i][0], cases[i][1], cases[i][2], cases[i][3]);
          printf("%u %u %u %u %u %u %u %u\\n", r, _IOC_DIR(r), _IOC_TYPE(r), _IOC_NR(r), _IOC_SIZE(r),
                 _IOC_NONE, _IOC_READ, _IOC_WRITE);
        }
        return 0;
      }
      """
    // The cross directory comes first, so <asm/ioctl.h> is that architecture's.
    let output = try Toolchain.compileAndRun(
      source, flags: ["-I", architecture.includeDirectory])
    let lines = output.split(separator: "\n")
    try #require(lines.count == cases.count)

    var mismatches = 0
    for (fields, line) in zip(cases, lines) {
      let c = line.split(separator: " ").compactMap { UInt32($0) }
      let request = try IoctlRequest(
        encoding: encoding, direction: fields.direction, type: fields.type,
        number: fields.number, size: fields.size)
      let decoded = try IoctlRequest(decoding: UInt(c[0]), encoding: encoding)
      let cDirection: IoctlDirection =
        c[1] == c[5] ? [] : IoctlDirection(rawValue: 0)
        .union(c[1] & c[6] != 0 ? .read : []).union(c[1] & c[7] != 0 ? .write : [])
      // sparc's _IOC_SIZE calls the size of an _IO request 0, whatever its bits say.
      let cSize = architecture.name.hasPrefix("sparc") && cDirection.isEmpty ? decoded.size : Int(c[4])
      if request.rawValue != c[0] || decoded.direction != cDirection
        || Int(decoded.type) != Int(c[2]) || Int(decoded.number) != Int(c[3])
        || decoded.size != cSize || decoded != request
      {
        mismatches += 1
        if mismatches <= 5 { Issue.record("\(architecture.name): \(fields) → Swift \(request), C \(line)") }
      }
    }
    #expect(mismatches == 0)
    print("ioctl encoding \(encoding) on \(architecture.name): \(cases.count) cases (\(Self.randomCases) random, seed \(Self.seed)) checked against C, \(mismatches) mismatches")
  }
}

import Testing
import VFIO

/// Error messages at the edges: nothing computed from the bad value (no `Int.max - x`, no
/// negative shift) and words that stay true for 0 and for the largest numbers.
@Suite("Error messages at edge values")
struct ErrorMessageTests {
  static func message(_ offset: UInt64, _ count: UInt64, _ limit: UInt64) -> String {
    VFIOError(operation: "mmap", target: "x", reason: .outOfRange(offset: offset, count: count, limit: limit)).description
  }

  @Test("out-of-range requests", arguments: [
    (UInt64(0), UInt64(0), UInt64(Int.max), "mmap on x: an empty range (0 bytes) at offset 0 is refused"),
    (4096, 8, 4096, "mmap on x: offset 4096 is not below the 4096 bytes available"),
    (.max, 1, 4096, "mmap on x: offset 18446744073709551615 is not below the 4096 bytes available"),
    (4092, 8, 4096, "mmap on x: 8 bytes at offset 4092 run past the 4096 bytes available"),
    (0, .max, UInt64(Int.max), "mmap on x: 18446744073709551615 bytes at offset 0 run past the 9223372036854775807 bytes available"),
  ])
  func outOfRange(_ offset: UInt64, _ count: UInt64, _ limit: UInt64, _ expected: String) {
    #expect(Self.message(offset, count, limit) == expected)
  }

  @Test("descriptor refusals name the number, the kind and the problem", arguments: [
    (DescriptorRefusal(descriptor: 2, expected: .migrationData, problem: .standardStream),
      "descriptor 2 handed back for a migration data file refused, left open: it is standard error"),
    (DescriptorRefusal(descriptor: 7, expected: .dmaBuf, problem: .standardStream),
      "descriptor 7 handed back for a dma-buf refused, left open: it is a standard stream"),
    (DescriptorRefusal(descriptor: -5, expected: .dmaBuf, problem: .negative),
      "descriptor -5 handed back for a dma-buf refused, left open: no descriptor has a negative number"),
    (DescriptorRefusal(descriptor: 9, expected: .vfioDevice, problem: .unexpectedFile(link: "/dev/pts/0\u{1B}")),
      #"descriptor 9 handed back for a VFIO device refused, left open: it is "/dev/pts/0\u{1B}""#),
  ])
  func refusals(_ refusal: DescriptorRefusal, _ expected: String) {
    #expect(refusal.description == expected)
  }
}

import Testing
@testable import VFIOABI

/// Tree mode starts one clang process per chunk and tree: few chunks, as many descriptors as allowed.
@Suite("Tree mode's settling chunks")
struct SettlingChunkTests {
  @Test("Two chunks per worker, the last one shorter when the headers do not divide evenly")
  func twoPerWorker() {
    // 6.1 → 7.2's 796 headers in both trees `linux/` and `asm/`, on 2 and on 8 workers.
    #expect(ABITreeDiff.settlingChunkSize(total: 796, workers: 2, descriptors: 1 << 20) == 199)
    #expect(ABITreeDiff.settlingChunkSize(total: 797, workers: 2, descriptors: 1 << 20) == 200)
    #expect(ABITreeDiff.settlingChunkSize(total: 796, workers: 8, descriptors: 1 << 20) == 50)
  }

  @Test("The chunks in flight hold at most three quarters of the descriptors the process may open")
  func descriptorBudget() {
    // A login shell's usual soft limit: 2 workers each run 2 × 192 units at once, 768 in all; 8
    // workers get chunks of 48, the size tree mode had before its chunks were counted per worker.
    #expect(ABITreeDiff.settlingChunkSize(total: 796, workers: 2, descriptors: 1024) == 192)
    #expect(ABITreeDiff.settlingChunkSize(total: 796, workers: 8, descriptors: 1024) == 48)
  }

  @Test("At least one header per chunk, whatever the counts")
  func neverEmpty() {
    #expect(ABITreeDiff.settlingChunkSize(total: 0, workers: 2, descriptors: 1024) == 1)
    #expect(ABITreeDiff.settlingChunkSize(total: 3, workers: 8, descriptors: 1024) == 1)
    #expect(ABITreeDiff.settlingChunkSize(total: 796, workers: 0, descriptors: 3) == 1)
    #expect(ABITreeDiff.openFileLimit > 0)
  }
}

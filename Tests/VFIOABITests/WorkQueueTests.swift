import Glibc
import Testing
@testable import VFIOABI

/// Tree mode's dumps are work its chunks add while other workers may have run out of it.
@Suite("Work that makes more work")
struct WorkQueueTests {
  @Test("Every item is worked on once, those added while the queue runs included", arguments: [1, 2, 8])
  func everyItemOnce(workers: Int) {
    // Item n below 200 adds 2n + 1 and 2n + 2: the 401 numbers from 0 to 400, each from one parent.
    let queue = WorkQueue([0])
    let seen = Locked([Int]())
    queue.run(workers: workers) { item in
      seen.withLock { $0.append(item) }
      if item < 200 { queue.add([2 * item + 1, 2 * item + 2]) }
    }
    #expect(seen.withLock { $0.sorted() } == Array(0...400))
  }

  @Test("What an item adds is taken next, in the order added, before the items that were waiting")
  func addedWorkFirst() {
    // Tree mode's dumps hold their chunk's `-E -dD` texts until done: done next, few are held at once.
    let queue = WorkQueue([1, 2])
    let order = Locked([Int]())
    queue.run(workers: 1) { item in
      order.withLock { $0.append(item) }
      if item == 1 { queue.add([10, 11]) }
    }
    #expect(order.withLock { $0 } == [1, 10, 11, 2])
  }

  @Test("A worker that found nothing waiting takes what another adds later")
  func idleWorkerTakesAddedWork() {
    // The two added items each wait until both have started, which only two threads can do: the
    // second worker found the queue empty while the first item ran, and must not have ended.
    let queue = WorkQueue(["first"])
    let started = Locked(0)
    let met = Locked([Bool]())
    queue.run(workers: 2) { item in
      guard item == "first" else {
        started.withLock { $0 += 1 }
        var waited = 0
        while started.withLock({ $0 }) < 2 && waited < 5_000 {
          usleep(1_000)
          waited += 1
        }
        met.withLock { $0.append(started.withLock { $0 } == 2) }
        return
      }
      usleep(50_000)
      queue.add(["added", "added"])
    }
    #expect(met.withLock { $0 } == [true, true])
  }

  @Test("An item's contents are released once it has been worked on, before the queue ends")
  func itemsReleasedWhenTaken() {
    final class Tracked: Sendable {
      let released: Locked<Bool>
      init(_ released: Locked<Bool>) { self.released = released }
      deinit { released.withLock { $0 = true } }
    }
    let released = Locked(false)
    let queue = WorkQueue<Tracked?>([Tracked(released), nil])
    let releasedByLastItem = Locked(false)
    queue.run(workers: 1) { item in
      if item == nil { releasedByLastItem.withLock { $0 = released.withLock { $0 } } }
    }
    #expect(releasedByLastItem.withLock { $0 })
  }
}

import Glibc

enum FreedMemory {
  /// Keeps memory the process frees instead of handing it back to the kernel. libclang's parses
  /// allocate and free tens of megabytes on two threads at once, and glibc by default unmaps large
  /// blocks and trims its heaps as they shrink: each unmap in a process whose other thread is busy
  /// interrupts that core to flush its TLB. A `vfio abi` process lives for seconds at most, so what it
  /// keeps is its peak, which it reaches anyway.
  static func keep() {
    // <malloc.h> is not part of Swift's Glibc module: glibc exports `mallopt`, and its parameters'
    // numbers are fixed (M_TRIM_THRESHOLD -1, M_TOP_PAD -2, M_MMAP_THRESHOLD -3). Nil is RTLD_DEFAULT.
    guard let symbol = dlsym(nil, "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    // glibc's largest mmap threshold: blocks below it come from the heaps, which now never shrink.
    _ = mallopt(-3, 32 << 20)
    _ = mallopt(-1, Int32.max)
    // Each heap grows by this much more than asked: fewer brk and mprotect calls as a parse grows it.
    _ = mallopt(-2, 64 << 20)
  }
}

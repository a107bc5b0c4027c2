/// A `~Copyable` owner of a range of this process's memory — ``GuestMemory``, ``DMAMapping``,
/// ``DMABuffer`` — which lends its bytes as spans the compiler ties to the owner.
///
/// Only the owner knows when its memory goes away (`unmap()`, a move into a mapping, pages back to a
/// pool), so a span that borrows the owner is the one safe view: the compiler refuses a read after the
/// owner is gone and a write while anything else holds it.
public protocol OwnedMemory: ~Copyable {
  /// The memory as a raw buffer, unchecked: nothing stops its use after the owner is gone.
  ///
  /// For C calls and for writes through a shared (borrowed) owner — a buffer several threads fill at
  /// once, memory the device writes while the CPU reads — which a `MutableRawSpan`'s exclusive access
  /// cannot express. Prefer ``bytes`` and ``mutableBytes``.
  var unsafeBytes: UnsafeMutableRawBufferPointer { get }
}

extension OwnedMemory where Self: ~Copyable {
  /// The memory, read-only, borrowed from its owner: the span cannot outlive it, so it cannot be read
  /// after the memory is gone.
  public var bytes: RawSpan {
    @_lifetime(borrow self) get {
      let span = RawSpan(_unsafeBytes: UnsafeRawBufferPointer(unsafeBytes))
      return _overrideLifetime(span, borrowing: self)
    }
  }

  /// The memory, writable, with exclusive access to its owner while the span lives: the span cannot
  /// outlive it, so it cannot be written after the memory was given back or moved on.
  public var mutableBytes: MutableRawSpan {
    @_lifetime(&self) mutating get {
      let span = MutableRawSpan(_unsafeBytes: unsafeBytes)
      return _overrideLifetime(span, mutating: &self)
    }
  }
}

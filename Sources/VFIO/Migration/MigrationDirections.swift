import SystemPackage

/// The data fd a v2 migration state change opened, typed by the direction of its stream: a
/// saving device's file can only be read, a resuming device's only written.
///
/// Closed when the value is consumed or goes out of scope; dropping it ends the session's stream.
public enum MigrationDataFile: ~Copyable, Sendable {
  /// STOP_COPY, PRE_COPY or PRE_COPY_P2P opened the session: the device's state is read from it.
  case saving(MigrationSavingFile)
  /// RESUMING opened the session: the saved state is written to it.
  case resuming(MigrationResumingFile)

  /// The descriptor's number, for polling; valid while `self` lives, and closed by it.
  public var fileDescriptor: FileDescriptor {
    switch self {
    case .saving(let file): file.fileDescriptor
    case .resuming(let file): file.fileDescriptor
    }
  }

  /// Closes the descriptor and reports a failure (for a resuming file, perhaps the device's
  /// verdict on the data written).
  public consuming func close() throws(VFIOError) {
    switch consume self {
    case .saving(let file): try file.close()
    case .resuming(let file): try file.close()
    }
  }
}

/// The data fd of a saving device (STOP_COPY, PRE_COPY): the device state is read from it,
/// until the end of the stream in STOP_COPY or `ENOMSG` at the temporary end in PRE_COPY.
/// It has no `write`: a saving device's stream goes one way.
///
/// Owned: closed when the value is consumed or goes out of scope.
public struct MigrationSavingFile: ~Copyable, Sendable {
  internal let file: MigrationFile

  /// The descriptor's number, for polling; valid while `self` lives, and closed by it.
  public var fileDescriptor: FileDescriptor { file.fileDescriptor }

  /// Takes ownership of `fileDescriptor`, the data fd of a saving session.
  ///
  /// The caller gives up the descriptor: nothing else may close it or adopt it again.
  public init(unsafeAdopting fileDescriptor: FileDescriptor) { file = MigrationFile(unsafeAdopting: fileDescriptor) }

  /// Closes the descriptor and reports a failure.
  public consuming func close() throws(VFIOError) { try file.close() }

  /// Reads the next bytes of the saved state; 0 is the end of the stream.
  ///
  /// A driver that claims more bytes than `buffer` holds is
  /// ``VFIOError/Reason/outOfRange(offset:count:limit:)``, never a count past the buffer.
  public func read(
    into buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(VFIOError) -> Int {
    try file.read(into: buffer, retryOnInterrupt: retryOnInterrupt)
  }

  /// `VFIO_MIG_GET_PRECOPY_INFO`: how much pre-copy data remains (PRE_COPY states only).
  public func precopyInfo() throws(VFIOError) -> PrecopyInfo { try file.precopyInfo() }
}

/// The data fd of a resuming device (RESUMING): the saved state is written to it. It has no
/// `read`: a resuming device's stream goes one way.
///
/// Owned: closed when the value is consumed or goes out of scope.
public struct MigrationResumingFile: ~Copyable, Sendable {
  internal let file: MigrationFile

  /// The descriptor's number, for polling; valid while `self` lives, and closed by it.
  public var fileDescriptor: FileDescriptor { file.fileDescriptor }

  /// Takes ownership of `fileDescriptor`, the data fd of a resuming session.
  ///
  /// The caller gives up the descriptor: nothing else may close it or adopt it again.
  public init(unsafeAdopting fileDescriptor: FileDescriptor) { file = MigrationFile(unsafeAdopting: fileDescriptor) }

  /// Closes the descriptor and reports a failure, which may be the device's verdict on the
  /// data written.
  public consuming func close() throws(VFIOError) { try file.close() }

  /// Writes bytes of the state to resume; returns how many the device took.
  public func write(_ buffer: UnsafeRawBufferPointer, retryOnInterrupt: Bool = true) throws(VFIOError) -> Int {
    try file.write(buffer, retryOnInterrupt: retryOnInterrupt)
  }
}

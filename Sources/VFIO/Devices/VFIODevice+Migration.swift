import CVFIO
import SystemPackage

// v2 migration on an owned device: the calls of DeviceDescriptor+Migration
// with failures named, and a walk that sets every state the package's state
// machine puts on the path.

extension VFIODevice {
  private var migrationOperation: String { "VFIO_DEVICE_FEATURE(\(DeviceFeature.migrationDeviceState))" }

  /// The device's migration features; ENOTTY when it cannot migrate.
  public func migrationFlags() throws(VFIOError) -> MigrationFlags {
    do { return try descriptor.migrationFlags() } catch {
      throw VFIOError(operation: "VFIO_DEVICE_FEATURE(\(DeviceFeature.migration))", target: target, errno: error)
    }
  }

  /// The device's current migration state.
  public func migrationState() throws(VFIOError) -> MigrationState {
    do { return try descriptor.migrationState() } catch {
      throw VFIOError(operation: migrationOperation, target: target, errno: error)
    }
  }

  /// Sets `state` in one request; the data file when the change opens a session.
  public func setMigrationState(_ state: MigrationState) throws(VFIOError) -> MigrationDataFile? {
    do { return try descriptor.setMigrationState(state) } catch {
      let place = "\(target), to \(state)"
      switch error {
      case .system(let errno): throw VFIOError(operation: migrationOperation, target: place, errno: errno)
      case .transition(let refusal):
        throw VFIOError(operation: migrationOperation, target: place, reason: .migrationTransition(refusal))
      case .descriptorRefused(let refusal):
        throw VFIOError(operation: migrationOperation, target: place, reason: .descriptorRefused(refusal))
      }
    }
  }

  /// The estimated bytes STOP_COPY will produce.
  public func stopCopyDataSize() throws(VFIOError) -> UInt64 {
    do { return try descriptor.stopCopyDataSize() } catch {
      throw VFIOError(operation: "VFIO_DEVICE_FEATURE(\(DeviceFeature.migrationDataSize))", target: target, errno: error)
    }
  }

  /// Moves the device to `target` one arc per request, along the path
  /// ``MigrationStateMachine/path(from:to:supported:)`` computes for `supported`
  /// (the device's flags, or fewer to keep optional states out of the way).
  /// `arc` sees each step as it is taken.
  ///
  /// - Returns: The data file of the last arc that opened a session, if any. Not discardable:
  ///   dropping it closes the descriptor, which ends the session's data stream.
  public func migrate(
    to target: MigrationState, supported: MigrationFlags,
    arc: (_ from: MigrationState, _ to: MigrationState) -> Void = { _, _ in }
  ) throws(VFIOError) -> MigrationDataFile? {
    let current = try migrationState()
    let steps: [MigrationState]
    do { steps = try MigrationStateMachine.path(from: current, to: target, supported: supported) } catch {
      throw VFIOError(
        operation: migrationOperation, target: "\(self.target), \(current) to \(target)",
        reason: .migrationTransition(error))
    }
    var file: MigrationDataFile? = nil
    var from = current
    for step in steps {
      if let opened = try setMigrationState(step) { file = consume opened }
      arc(from, step)
      from = step
    }
    return file
  }
}

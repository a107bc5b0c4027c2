import SystemPackage

/// The one owner of a file descriptor the package opened: closes it in
/// `deinit`, or in `close()`, which reports what closing returned.
///
/// Its only stored property is trivially destroyed, so `close()` can
/// `discard self` and the descriptor is closed exactly once either way.
internal struct OwnedDescriptor: ~Copyable, Sendable {
  internal let fileDescriptor: FileDescriptor

  internal init(_ fileDescriptor: FileDescriptor) {
    self.fileDescriptor = fileDescriptor
    OwnedDescriptorNumbers.insert(fileDescriptor.rawValue)
  }

  deinit {
    OwnedDescriptorNumbers.remove(fileDescriptor.rawValue)
    _ = try? fileDescriptor.close()
  }

  internal consuming func close() throws(Errno) {
    let fd = fileDescriptor
    discard self
    OwnedDescriptorNumbers.remove(fd.rawValue)
    do { try fd.close() } catch { throw error as? Errno ?? .ioError }
  }

  /// Opens `path` read-write, close-on-exec: how every VFIO node is opened.
  internal static func open(_ path: FilePath, describing target: String) throws(VFIOError) -> OwnedDescriptor {
    do {
      return OwnedDescriptor(try FileDescriptor.open(path, .readWrite, options: [.closeOnExec]))
    } catch {
      throw VFIOError(operation: "open", target: target, errno: error as? Errno ?? .ioError)
    }
  }
}

extension VFIODescriptor {
  /// Issues `request` on `argument`; a failure names the request and `target`.
  @inlinable
  @discardableResult
  internal func call<Argument: VFIOIoctlArgument & ~Copyable>(
    _ request: VFIORequest<Request, Argument>, _ argument: inout Argument, on target: @autoclosure () -> String
  ) throws(VFIOError) -> CInt {
    do { return try ioctl(request, &argument) } catch {
      throw VFIOError(operation: request.ioctl.name, target: target(), errno: error)
    }
  }

  @inlinable
  @discardableResult
  internal func call<Argument: VFIOStruct>(
    _ request: VFIORequest<Request, Argument>, _ argument: inout VariableLengthArgument<Argument.RawValue>,
    on target: @autoclosure () -> String
  ) throws(VFIOError) -> CInt where Argument.RawValue: VariableLengthHeader {
    do { return try ioctl(request, &argument) } catch {
      throw VFIOError(operation: request.ioctl.name, target: target(), errno: error)
    }
  }

  @inlinable
  @discardableResult
  internal func call(
    _ request: VFIORequest<Request, Void>, on target: @autoclosure () -> String
  ) throws(VFIOError) -> CInt {
    do { return try ioctl(request) } catch {
      throw VFIOError(operation: request.ioctl.name, target: target(), errno: error)
    }
  }

  @inlinable
  @discardableResult
  internal func call<Value: VFIOIoctlValue>(
    _ request: VFIORequest<Request, Value>, _ value: Value, on target: @autoclosure () -> String
  ) throws(VFIOError) -> CInt {
    do { return try ioctl(request, value) } catch {
      throw VFIOError(operation: request.ioctl.name, target: target(), errno: error)
    }
  }
}

extension VFIODescriptor {
  /// Issues `request` on an argument the package built by hand in raw memory.
  @inlinable
  @discardableResult
  internal func callRaw(
    _ request: Request, _ argument: UnsafeMutableRawPointer?, on target: @autoclosure () -> String
  ) throws(VFIOError) -> CInt {
    do { return try unsafeRawIoctl(request, argument) } catch {
      throw VFIOError(operation: request.name, target: target(), errno: error)
    }
  }
}

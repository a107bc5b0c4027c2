#if DEBUG
import CVFIO
import SystemPackage
import Testing
@testable import VFIO

/// Owned eventfds through `VFIO_DEVICE_SET_IRQS`, against a stand-in kernel that describes
/// an MSI index of four eventfd vectors and records each IRQ set's payload.
@Suite("Interrupt eventfds are owned")
struct InterruptOwnershipTests {
  final class IRQKernel: @unchecked Sendable {
    var sets: [[Int32]] = []
    func call(_: CInt, _ request: UInt, _ argument: UInt) -> CInt {
      guard let pointer = UnsafeMutableRawPointer(bitPattern: argument) else { return 0 }
      if request == DeviceIoctl.getIRQInfo.requestNumber {
        var info = pointer.load(as: vfio_irq_info.self)
        info.count = 4
        info.flags = IRQInfoFlags.eventfd.rawValue
        pointer.storeBytes(of: info, as: vfio_irq_info.self)
      } else if request == DeviceIoctl.setIRQs.requestNumber {
        let header = pointer.load(as: vfio_irq_set.self)
        let payload = pointer + MemoryLayout<vfio_irq_set>.size
        sets.append(header.flags & IRQSetFlags.dataEventFD.rawValue == 0 ? [] :
          (0..<Int(header.count)).map { payload.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self) })
      }
      return 0
    }
  }

  static func device() throws -> VFIODevice {
    VFIODevice(unsafeAdopting: try FileDescriptor.open("/dev/null", .readWrite), name: "test")
  }

  @Test func theDeviceKeepsBoundEventfdsUntilTheIndexIsDisabled() throws {
    let kernel = IRQKernel()
    let device = try Self.device()
    weak var released: VFIOEventFD?
    var number: CInt = -1
    try IoctlMock.$handler.withValue(kernel.call) {
      do {
        let event = try VFIOEventFD()
        released = event
        number = event.fileDescriptor.rawValue
        try device.enableMSI([event, nil])
      }
      // The caller's reference is gone; the device's keeps the eventfd (and its number) alive.
      #expect(released != nil)
      try device.disableMSI()
    }
    #expect(released == nil)
    #expect(kernel.sets == [[number, -1], []])
  }

  @Test func rebindingAVectorReleasesTheEventfdItReplaces() throws {
    let kernel = IRQKernel()
    let device = try Self.device()
    weak var first: VFIOEventFD?
    try IoctlMock.$handler.withValue(kernel.call) {
      do {
        let event = try VFIOEventFD()
        first = event
        try device.setIRQs(.trigger, .eventfds([event]), index: .pciMSI, start: 2)
      }
      #expect(first != nil)
      try device.setIRQs(.trigger, .eventfds([try VFIOEventFD()]), index: .pciMSI, start: 2)
    }
    #expect(first == nil)
  }
}
#endif

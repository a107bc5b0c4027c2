/// Registers of QEMU's `edu` device (hw/misc/edu.c), BAR0 offsets.
enum Edu {
  static let vendor: UInt16 = 0x1234
  static let device: UInt16 = 0x11e8
  static let identification: UInt64 = 0x00
  static let identificationValue: UInt32 = 0x0100_00ed
  static let liveness: UInt64 = 0x04
  static let factorial: UInt64 = 0x08
  static let status: UInt64 = 0x20
  static let interruptStatus: UInt64 = 0x24
  static let interruptRaise: UInt64 = 0x60
  static let interruptAcknowledge: UInt64 = 0x64
  static let dmaSource: UInt64 = 0x80
  static let dmaDestination: UInt64 = 0x88
  static let dmaCount: UInt64 = 0x90
  static let dmaCommand: UInt64 = 0x98
  /// The device-side address of edu's 4 KiB DMA buffer.
  static let dmaBuffer: UInt64 = 0x40000
  static let dmaStart: UInt64 = 1
  static let dmaToMemory: UInt64 = 2
}

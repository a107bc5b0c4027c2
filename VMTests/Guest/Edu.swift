/// Registers of QEMU's `edu` device (hw/misc/edu.c), BAR0 offsets.
enum Edu {
  static let vendor: UInt16 = 0x1234
  static let device: UInt16 = 0x11e8
  static let identification = 0x00
  static let identificationValue: UInt32 = 0x0100_00ed
  static let liveness = 0x04
  static let factorial = 0x08
  static let status = 0x20
  static let interruptStatus = 0x24
  static let interruptRaise = 0x60
  static let interruptAcknowledge = 0x64
  static let dmaSource = 0x80
  static let dmaDestination = 0x88
  static let dmaCount = 0x90
  static let dmaCommand = 0x98
  /// The device-side address of edu's 4 KiB DMA buffer.
  static let dmaBuffer: UInt64 = 0x40000
  static let dmaStart: UInt64 = 1
  static let dmaToMemory: UInt64 = 2
}

import CVFIOOracle
import Testing

@testable import VFIO

/// The KVM-VFIO device's request numbers, constants and layouts, against `<linux/kvm.h>`.
@Suite("KVM-VFIO constants")
struct KVMConstantsTests {
  static var oracle: [String: UInt64] {
    Dictionary(uniqueKeysWithValues: (0..<cvfio_oracle_kvm_count).map { index in
      let entry = cvfio_oracle_kvm_at(index)
      return (String(cString: entry.name), UInt64(entry.value))
    })
  }

  static let swift: [(String, UInt64)] = [
    ("KVM_CREATE_DEVICE", UInt64(KVMConstants.createDevice)),
    ("KVM_SET_DEVICE_ATTR", UInt64(KVMConstants.setDeviceAttribute)),
    ("KVM_DEV_TYPE_VFIO", UInt64(KVMConstants.deviceTypeVFIO)),
    ("KVM_DEV_VFIO_FILE", UInt64(KVMConstants.vfioFileGroup)),
    ("KVM_DEV_VFIO_FILE_ADD", KVMConstants.vfioFileAdd),
    ("KVM_DEV_VFIO_FILE_DEL", KVMConstants.vfioFileDelete),
    ("sizeof(struct kvm_create_device)", UInt64(MemoryLayout<KVMCreateDevice>.size)),
    ("sizeof(struct kvm_device_attr)", UInt64(MemoryLayout<KVMDeviceAttribute>.size)),
    ("offsetof(struct kvm_device_attr, addr)", UInt64(MemoryLayout<KVMDeviceAttribute>.offset(of: \.address)!)),
  ]

  @Test("each value equals the C preprocessor's and compiler's", arguments: swift.map(\.0))
  func matchesC(_ name: String) throws {
    let value = try #require(Self.swift.first { $0.0 == name }).1
    #expect(value == Self.oracle[name])
  }

  @Test("every value the oracle knows is checked")
  func complete() {
    #expect(Set(Self.oracle.keys) == Set(Self.swift.map(\.0)))
  }
}

extension Misuse {
  /// The owners of issue 21's memory and KVM API: what each rules out.
  static let memory: [Misuse] = [
    Misuse(
      name: "a DMA buffer given back to its pool twice (copied)",
      wrong: """
        let pool = DMABufferPool(try ioas.map(GuestMemory(size: 8192), iova: 0))
        let buffer = try pool.allocate(size: 100); let again = buffer; _ = buffer.iova; _ = again
        """,
      right: """
        let pool = DMABufferPool(try ioas.map(GuestMemory(size: 8192), iova: 0))
        let buffer = try pool.allocate(size: 100); _ = buffer.iova
        """,
      diagnostic: "'buffer' used after consume"),
    Misuse(
      name: "a mapping used after it moved into a pool",
      wrong: """
        let mapping = try ioas.map(GuestMemory(size: 8192), iova: 0)
        let pool = DMABufferPool(mapping); mapping.bytes[0] = 1; _ = pool
        """,
      right: """
        let mapping = try ioas.map(GuestMemory(size: 8192), iova: 0)
        mapping.bytes[0] = 1; let pool = DMABufferPool(mapping); _ = pool
        """,
      diagnostic: "'mapping' used after consume"),
    Misuse(
      name: "memfd memory used after it moved into a mapping by its file",
      wrong: """
        let memory = try GuestMemory(memfdNamed: "ram", size: 4096)
        let mapping = try ioas.mapFile(memory, iova: 0); _ = memory.fileDescriptor; _ = consume mapping
        """,
      right: """
        let memory = try GuestMemory(memfdNamed: "ram", size: 4096)
        let mapping = try ioas.mapFile(memory, iova: 0); _ = mapping.fileDescriptor; _ = consume mapping
        """,
      diagnostic: "'memory' used after consume"),
    Misuse(
      name: "a KVM-VFIO device with two owners",
      wrong: "let kvm = KVMVFIODevice(unsafeAdopting: fd); let other = kvm; try device.lend(to: kvm); _ = other",
      right: "let kvm = KVMVFIODevice(unsafeAdopting: fd); try device.lend(to: kvm)",
      diagnostic: "'kvm' used after consume"),
  ]
}

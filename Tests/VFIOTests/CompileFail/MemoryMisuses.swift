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
        let pool = DMABufferPool(mapping); _ = mapping.iova; _ = pool
        """,
      right: """
        let mapping = try ioas.map(GuestMemory(size: 8192), iova: 0)
        _ = mapping.iova; let pool = DMABufferPool(mapping); _ = pool
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
      name: "mapped bytes written after unmap() gave the memory back",
      wrong: """
        var mapping = try ioas.map(GuestMemory(size: 4096), iova: 0); var bytes = mapping.mutableBytes
        let memory = try mapping.unmap(); bytes.storeBytes(of: 1, toByteOffset: 0, as: UInt8.self); _ = memory
        """,
      right: """
        var mapping = try ioas.map(GuestMemory(size: 4096), iova: 0); var bytes = mapping.mutableBytes
        bytes.storeBytes(of: 1, toByteOffset: 0, as: UInt8.self); let memory = try mapping.unmap(); _ = memory
        """,
      diagnostic: "overlapping accesses to 'mapping', but modification requires exclusive access"),
    Misuse(
      name: "mapped bytes kept past the mapping's scope",
      wrong: """
        var kept: RawSpan? = nil
        do { let mapping = try ioas.map(GuestMemory(size: 4096), iova: 0); kept = mapping.bytes }
        _ = kept?.byteCount
        """,
      right: """
        do { let mapping = try ioas.map(GuestMemory(size: 4096), iova: 0); _ = mapping.bytes.byteCount }
        """,
      diagnostic: "lifetime-dependent variable 'kept' escapes its scope"),
    Misuse(
      name: "guest memory written through its bytes after it moved into a mapping",
      wrong: """
        var memory = try GuestMemory(size: 4096); var bytes = memory.mutableBytes
        let mapping = try ioas.map(memory, iova: 0); bytes.storeBytes(of: 1, toByteOffset: 0, as: UInt8.self); _ = consume mapping
        """,
      right: """
        var memory = try GuestMemory(size: 4096); var bytes = memory.mutableBytes
        bytes.storeBytes(of: 1, toByteOffset: 0, as: UInt8.self); let mapping = try ioas.map(memory, iova: 0); _ = consume mapping
        """,
      diagnostic: "overlapping accesses to 'memory', but modification requires exclusive access"),
    Misuse(
      name: "a DMA buffer's bytes written after its pages went back to the pool",
      wrong: """
        let pool = DMABufferPool(try ioas.map(GuestMemory(size: 8192), iova: 0))
        var buffer = try pool.allocate(size: 100); var bytes = buffer.mutableBytes
        _ = consume buffer; bytes.storeBytes(of: 1, toByteOffset: 0, as: UInt8.self)
        """,
      right: """
        let pool = DMABufferPool(try ioas.map(GuestMemory(size: 8192), iova: 0))
        var buffer = try pool.allocate(size: 100); var bytes = buffer.mutableBytes
        bytes.storeBytes(of: 1, toByteOffset: 0, as: UInt8.self); _ = consume buffer
        """,
      diagnostic: "overlapping accesses to 'buffer', but modification requires exclusive access"),
    Misuse(
      name: "a KVM-VFIO device with two owners",
      wrong: "let kvm = KVMVFIODevice(unsafeAdopting: fd); let other = kvm; try device.lend(to: kvm); _ = other",
      right: "let kvm = KVMVFIODevice(unsafeAdopting: fd); try device.lend(to: kvm)",
      diagnostic: "'kvm' used after consume"),
  ]
}

extension Misuse {
  /// Leaks, double owners and lifetimes (issue 13, "DMA lifetime is unchecked", "Ownership leaks").
  static let ownership: [Misuse] = [
    Misuse(
      name: "two owners of one descriptor through init(adopting:)",
      wrong: "let again = VFIOContainer(adopting: fd); _ = again",
      right: "let again = VFIOContainer(unsafeAdopting: fd); _ = again",
      diagnostic: "incorrect argument label in call (have 'adopting:', expected 'unsafeAdopting:')"),
    Misuse(
      name: "an owned type's descriptor taken out of it (to outlive close())",
      wrong: "let escaped = container.descriptor; try container.close(); try escaped.ioctl(.getAPIVersion)",
      right: "_ = try container.withUnsafeDescriptor { (descriptor) throws(Errno) in try descriptor.ioctl(.getAPIVersion) }",
      diagnostic: "'descriptor' is inaccessible due to 'internal' protection level"),
    Misuse(
      name: "a lent descriptor returned from withDescriptor { $0 } (to outlive close())",
      wrong: """
        let escaped: LentDescriptor<ContainerIoctl> = container.withDescriptor { $0 }
        try container.close(); _ = try escaped.ioctl(.getAPIVersion)
        """,
      right: "_ = try container.withDescriptor { (descriptor) throws(Errno) in try descriptor.ioctl(.getAPIVersion) }",
      diagnostic: "instance method 'withDescriptor' requires that 'LentDescriptor<ContainerIoctl>' conform to 'Escapable'"),
    Misuse(
      name: "a lent descriptor stored outside withDescriptor's closure",
      wrong: """
        var kept: LentDescriptor<ContainerIoctl>? = nil
        container.withDescriptor { kept = $0 }; _ = try kept?.ioctl(.getAPIVersion)
        """,
      right: "_ = try container.withDescriptor { (descriptor) throws(Errno) in try descriptor.ioctl(.getAPIVersion) }",
      diagnostic: "lifetime-dependent variable 'kept' escapes its scope"),
    Misuse(
      name: "an owned container used after close()",
      wrong: "try container.close(); _ = try container.apiVersion()",
      right: "_ = try container.apiVersion(); try container.close()",
      diagnostic: "'container' used after consume"),
    Misuse(
      name: "raw numbers as IRQ eventfds",
      wrong: "try device.setIRQs(.trigger, .eventfds([42]), index: .pciMSI)",
      right: "try device.setIRQs(.trigger, .eventfds([try VFIOEventFD()]), index: .pciMSI)",
      diagnostic: "cannot convert value of type 'Int' to expected element type 'VFIOEventFD?'"),
    Misuse(
      name: "the data file migrate(to:) returns, dropped",
      wrong: "try device.migrate(to: .stopCopy, supported: [.stopCopy])",
      right: "let session = try device.migrate(to: .stopCopy, supported: [.stopCopy]); _ = consume session",
      diagnostic: "result of call to 'migrate(to:supported:arc:)' is unused"),
    Misuse(
      name: "a write into the data file of a saving device",
      wrong: """
        guard case .saving(let saving) = consume file else { return }
        _ = try saving.write(UnsafeRawBufferPointer(start: pointer, count: count))
        """,
      right: """
        guard case .resuming(let resuming) = consume file else { return }
        _ = try resuming.write(UnsafeRawBufferPointer(start: pointer, count: count))
        """,
      diagnostic: "value of type 'MigrationSavingFile' has no member 'write'"),
    Misuse(
      name: "a read from the data file of a resuming device",
      wrong: """
        guard case .resuming(let resuming) = consume file else { return }
        _ = try resuming.read(into: UnsafeMutableRawBufferPointer(start: pointer, count: count))
        """,
      right: """
        guard case .saving(let saving) = consume file else { return }
        _ = try saving.read(into: UnsafeMutableRawBufferPointer(start: pointer, count: count))
        """,
      diagnostic: "value of type 'MigrationResumingFile' has no member 'read'"),
    Misuse(
      name: "a dma-buf dropped as it is made",
      wrong: "try device.dmaBuf(region: .pciBAR0, ranges: [])",
      right: "let buffer = try device.dmaBuf(region: .pciBAR0, ranges: []); try buffer.close()",
      diagnostic: "result of call to 'dmaBuf(region:ranges:options:access:)' is unused"),
    Misuse(
      name: "a DMA mapping dropped as it is made",
      wrong: "try container.map(GuestMemory(size: 4096), iova: 0)",
      right: "let mapping = try container.map(GuestMemory(size: 4096), iova: 0); _ = try mapping.unmap()",
      diagnostic: "result of call to 'map(_:iova:access:granularity:)' is unused"),
    Misuse(
      name: "a DMA map on a container no group joined, with no IOMMU type set",
      wrong: "let unset = try VFIOContainer(); let mapping = try unset.map(GuestMemory(size: 4096), iova: 0); _ = try mapping.unmap()",
      right: """
        let ready = try VFIOContainer(group: group, iommuType: .type1v2)
        let mapping = try ready.map(GuestMemory(size: 4096), iova: 0); _ = try mapping.unmap()
        """,
      diagnostic: "missing argument for parameter 'group' in call"),
    Misuse(
      name: "the IOMMU type set by hand (before a group joined, or never)",
      wrong: "try container.setIOMMU(.type1v2); _ = try container.map(GuestMemory(size: 4096), iova: 0).unmap()",
      right: "let ready = try VFIOContainer(group: group, iommuType: .type1v2); _ = try ready.map(GuestMemory(size: 4096), iova: 0).unmap()",
      diagnostic: "'setIOMMU' is inaccessible due to 'internal' protection level"),
    Misuse(
      name: "a DMA map of a raw pointer without unsafe in its name",
      wrong: "try container.mapDMA(address: pointer, iova: 0, size: 4096)",
      right: "try container.unsafeMapDMA(address: pointer, size: 4096, iova: 0)",
      diagnostic: "value of type 'VFIOContainer' has no member 'mapDMA'"),
    Misuse(
      name: "guest memory used (or freed) after it moved into a DMA mapping",
      wrong: "let memory = try GuestMemory(size: 4096); let mapping = try container.map(memory, iova: 0); _ = memory.size; _ = consume mapping",
      right: "let memory = try GuestMemory(size: 4096); let mapping = try container.map(memory, iova: 0); _ = mapping.bytes.byteCount",
      diagnostic: "'memory' used after consume"),
    Misuse(
      name: "guest memory back from unmap() while the mapping is still used",
      wrong: "let mapping = try ioas.map(GuestMemory(size: 4096), iova: 0); let memory = try mapping.unmap(); _ = mapping.iova; _ = memory",
      right: "let mapping = try ioas.map(GuestMemory(size: 4096), iova: 0); _ = mapping.iova; let memory = try mapping.unmap(); _ = memory",
      diagnostic: "'mapping' used after consume"),
    Misuse(
      name: "the migration data file's errors as Errno",
      wrong: "do { try file.close() } catch { let errno: Errno = error; _ = errno }",
      right: "do { try file.close() } catch { let errno: Errno? = error.errno; _ = errno }",
      diagnostic: "cannot convert value of type 'VFIOError' to specified type 'Errno'"),
    Misuse(
      name: "a hot reset proving ownership with raw group descriptors",
      wrong: "try device.hotReset(groups: [])",
      right: "try device.unsafeHotReset(groupDescriptors: [])",
      diagnostic: "argument passed to call that takes no arguments"),
  ]
}

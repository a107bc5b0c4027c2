extension VariableLengthArgument where Header: CapabilityChainHeader {
  /// The capabilities the kernel returned, decoded.
  public func capabilities() throws(CapabilityChainError) -> [Header.Capability] {
    try withUnsafeBytes { (buffer) throws(CapabilityChainError) in
      try Header.capabilities(in: buffer)
    }
  }

  /// The capabilities the kernel returned, undecoded.
  public func rawCapabilities() throws(CapabilityChainError) -> [RawCapability] {
    try withUnsafeBytes { (buffer) throws(CapabilityChainError) in
      try Header.rawCapabilities(in: buffer)
    }
  }
}

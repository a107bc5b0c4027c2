import Testing

/// Each misuse the package promises to reject, compiled against the built modules.
@Suite("Misuses do not compile")
struct CompileFailTests {
  static let all: [Misuse] = Misuse.requests + Misuse.ownership + Misuse.shapes + Misuse.pci + Misuse.memory

  @Test(arguments: all)
  func isRejected(_ misuse: Misuse) throws {
    let outcome = try SwiftcProbe.typecheck(misuse.program(misuse.wrong))
    #expect(outcome.status != 0, "\(misuse.name) compiled")
    let errors = outcome.diagnostics.split(separator: "\n").filter { $0.contains("error: ") }
    #expect(errors.contains { $0.contains(misuse.diagnostic) }, "\(misuse.name): \(outcome.diagnostics)")
  }

  /// The corrected programs, all in one file, compile without a warning: the rejections
  /// above come from the misuse, not from the set-up around it.
  @Test func correctionsCompile() throws {
    let functions = Self.all.enumerated().map { index, misuse in Misuse.function("right\(index)", misuse.right) }
    let outcome = try SwiftcProbe.typecheck(Misuse.preamble + functions.joined())
    #expect(outcome.status == 0, "\(outcome.diagnostics)")
  }
}

/// The substitutions the kernel's `scripts/headers_install.sh` applies to a UAPI source header, so a raw
/// `include/uapi/…` file (with `__user`, `__packed`, `_UAPI` guards) compiles like the installed one.
enum UAPIHeaderInstall {
  /// Whether `text` contains anything headers_install would rewrite.
  static func needsInstall(_ bytes: [UInt8]) -> Bool {
    // libc's `memmem`: a byte loop per word cost 18 million instructions on a header of 20,000 macros.
    bytes.withUnsafeBufferPointer { text in
      ["__user", "__force", "__iomem", "__attribute_const__", "__packed", "_UAPI", "linux/compiler"].contains { text.contains(word: $0) }
    }
  }

  static func install(_ text: String) -> String {
    var lines: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      if trimmed.hasPrefix("#include <linux/compiler.h>") || trimmed.hasPrefix("#include <linux/compiler_types.h>") {
        lines.append("")
        continue
      }
      lines.append(Substring(rewriteIdentifiers(in: dropUAPIGuardPrefix(line))))
    }
    return lines.joined(separator: "\n")
  }

  /// `#ifndef _UAPI_LINUX_VFIO_H` → `#ifndef _LINUX_VFIO_H`, likewise `#define` and the `#endif` comment.
  private static func dropUAPIGuardPrefix(_ line: Substring) -> Substring {
    for directive in ["#ifndef", "#define", "#endif"] where line.hasPrefix(directive) {
      var rest = line.dropFirst(directive.count)
      let space = rest.prefix(while: { $0 == " " || $0 == "\t" })
      rest = rest.dropFirst(space.count)
      if directive == "#endif" {
        guard rest.hasPrefix("/*") else { return line }
        let comment = rest.dropFirst(2)
        let gap = comment.prefix(while: { $0 == " " || $0 == "\t" })
        guard comment.dropFirst(gap.count).hasPrefix("_UAPI") else { return line }
        return Substring(directive + space + "/*" + comment.dropFirst(gap.count + "_UAPI".count))
      }
      guard rest.hasPrefix("_UAPI") else { return line }
      return Substring(directive + space + rest.dropFirst("_UAPI".count))
    }
    return line
  }

  private static func isIdentifier(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
  private static func isSpace(_ c: Character?) -> Bool { c == " " || c == "\t" }

  private static func rewriteIdentifiers(in line: Substring) -> String {
    var out = ""
    var index = line.startIndex
    var previous: Character?
    while index < line.endIndex {
      let c = line[index]
      guard isIdentifier(c) else {
        out.append(c)
        previous = c
        index = line.index(after: index)
        continue
      }
      let end = line[index...].firstIndex(where: { !isIdentifier($0) }) ?? line.endIndex
      let word = line[index..<end]
      let next = end < line.endIndex ? line[end] : nil
      let afterSpaceOrParen = previous == nil || isSpace(previous) || previous == "("
      let stripped: Set<Substring> = ["__user", "__force", "__iomem"]
      let prefixed: Set<Substring> = ["inline", "asm", "volatile"]
      if stripped.contains(word) && (isSpace(previous) || previous == "(") && isSpace(next) {
        index = line.index(after: end)
        continue
      } else if word == "__attribute_const__" && (next == nil || isSpace(next)) {
        // Dropped, like headers_install does.
      } else if word == "__packed" {
        out += "__attribute__((packed))"
      } else if prefixed.contains(word) && afterSpaceOrParen && (next == nil || isSpace(next) || next == "(") {
        out += "__\(word)__"
      } else {
        out += word
      }
      previous = word.last
      index = end
    }
    return out
  }
}

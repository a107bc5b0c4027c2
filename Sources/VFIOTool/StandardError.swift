import Foundation

/// Writes a refusal or an error to standard error, one line: results go to standard output only.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

import Foundation

/// Writes to standard output and standard error without buffering, so streamed lines appear as
/// they arrive even when the output is a pipe.
enum TerminalOutput {
    /// Writes `text` and a line break to standard output; `text` may already end in one.
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(terminated(text).utf8))
    }

    /// Writes `text` and a line break to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(terminated(text).utf8))
    }

    private static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}

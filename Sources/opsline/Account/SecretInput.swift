import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a secret from standard input: typed at a prompt without echo on a terminal, else the
/// first line of what is piped in.
enum SecretInput {
    /// The secret with surrounding whitespace trimmed, or `nil` when none was given.
    ///
    /// - Parameters:
    ///   - prompt: Shown on standard error when standard input is a terminal.
    ///   - trimming: Whether surrounding whitespace is dropped (a token's); a password keeps it,
    ///     less a line's carriage return.
    static func read(prompt: String, trimming: Bool = true) -> String? {
        let line = isatty(STDIN_FILENO) == 1 ? readWithoutEcho(prompt: prompt) : readLine()
        var secret = line ?? ""
        if trimming {
            secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            while secret.hasSuffix("\r") { secret.removeLast() }
        }
        return secret.isEmpty ? nil : secret
    }

    /// Whether standard input is a terminal (a person typing, not a pipe).
    static var isTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    private static func readWithoutEcho(prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return readLine() }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine()
    }
}

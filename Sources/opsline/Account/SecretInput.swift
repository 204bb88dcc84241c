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
    /// - Parameter prompt: Shown on standard error when standard input is a terminal.
    static func read(prompt: String) -> String? {
        let line = isatty(STDIN_FILENO) == 1 ? readWithoutEcho(prompt: prompt) : readLine()
        let secret = line?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return secret.isEmpty ? nil : secret
    }

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

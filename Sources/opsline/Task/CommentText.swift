import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the text of `opsline task comment` comes from: the argument, standard input (`-`), or
/// an editor on a temporary file, as `git commit` does.
enum CommentText {
    /// The comment's text, trimmed.
    ///
    /// - Parameters:
    ///   - argument: The text as given; `-` for standard input; `nil` for none.
    ///   - edit: Open the editor whatever else is given (`--edit`).
    ///   - taskID: The task, named in the editor's instructions.
    /// - Throws: ``CommentTextError``: no text and no terminal to edit it at, an editor that
    ///   failed, or an empty comment.
    static func read(argument: String?, edit: Bool, taskID: String) throws(CommentTextError) -> String {
        let text: String
        if edit || (argument == nil && isatty(STDIN_FILENO) == 1) {
            text = try edited(taskID: taskID, start: argument == "-" ? nil : argument)
        } else if argument == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else if let argument {
            text = argument
        } else {
            throw .noText
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        return trimmed
    }

    /// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`, as git chooses.
    static func editor(environment: [String: String]) -> String {
        [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
    }

    /// The text written in the editor, without the lines starting with `#`.
    static func edited(taskID: String, start: String?) throws(CommentTextError) -> String {
        let editor = editor(environment: ProcessInfo.processInfo.environment)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("opsline-comment-\(UUID().uuidString).txt").path
        let template =
            (start.map { $0 + "\n" } ?? "\n")
            + "# Write the comment on \(taskID) above. Lines starting with '#' are left out;\n"
            + "# an empty comment posts nothing.\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(template.utf8)) else {
            throw .editorFailed("cannot create \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Through the shell, as git does, so that EDITOR may carry arguments ("code --wait").
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$@\"", editor, path]
        do {
            try process.run()
        } catch {
            throw .editorFailed("cannot run \(editor): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .editorFailed("\(editor) exited with status \(process.terminationStatus)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .editorFailed("cannot read \(path) back")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }.joined(separator: "\n")
    }
}

/// Why there is no comment to post.
enum CommentTextError: Error, CustomStringConvertible {
    /// No text was given, and standard input is no terminal to open an editor at.
    case noText
    /// The text is empty (or only `#` lines and blanks, from the editor).
    case empty
    /// The editor could not be run, or failed.
    case editorFailed(String)

    var description: String {
        switch self {
        case .noText:
            "no comment: give the text, '-' to read it from standard input, or --edit to write it in $VISUAL or $EDITOR"
        case .empty: "the comment is empty; nothing was posted"
        case .editorFailed(let reason): "\(reason); nothing was posted"
        }
    }
}

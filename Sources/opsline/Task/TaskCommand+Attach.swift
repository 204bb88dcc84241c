import ArgumentParser
import Foundation
import OpslineClient

extension TaskCommand {
    /// `opsline task attach ID FILE [--field NAME] [--type TYPE] [--name NAME]`
    struct Attach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a file to a task.",
            discussion: """
                Sends the file as it is read (up to the server's limit, 25 MiB by default). Its \
                media type comes from its extension (pdf, png, jpg, gif, webp, txt, csv, md, json, \
                eml, zip, docx, xlsx, pptx, doc, xls), or --type. With --field, the file goes into \
                that attachment field of the task's workflow, which a transition may require \
                (a readiness item's evidence). Prints the task, its attachments last; `opsline \
                task download` fetches one back.
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Argument(help: "The file to attach.", completion: .file())
        var file: String

        @Option(help: "An attachment field to put the file in, such as evidence.")
        var field: String?

        @Option(help: "The file's media type, such as application/pdf (default: from its extension).")
        var type: String?

        @Option(help: "The name it has on the task (default: the file's own name).")
        var name: String?

        @OptionGroup var client: ClientOptions

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                TerminalOutput.error("error: cannot read \(file)")
                throw ExitCode(ExitStatus.usage)
            }
            guard let contentType = type ?? MediaTypes.byExtension[url.pathExtension.lowercased()] else {
                TerminalOutput.error(
                    "error: no media type known for '\(url.lastPathComponent)': give one with --type, such as --type application/pdf"
                )
                throw ExitCode(ExitStatus.usage)
            }
            let request = ClientRequest.attach(
                id: id, file: url, name: name ?? url.lastPathComponent, contentType: contentType, field: field)
            try await client.withClient { opsline in
                try await client.printTask(request, with: opsline) {
                    "Attached \(name ?? url.lastPathComponent) to \($0.id)."
                }
            }
        }
    }

    /// `opsline task download ID ATTACHMENT [-O FILE]`
    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a file attached to a task.",
            discussion: """
                ATTACHMENT is the id `opsline task show` lists under Attachments. The file is \
                written to -O/--file ('-' for standard output), else to its own name in the \
                current directory; an existing file is never overwritten.
                """)

        @Argument(help: "The task's identifier, such as CMP-42.", completion: TaskCompletion.taskIDs)
        var id: String

        @Argument(help: "The attachment's id.")
        var attachment: String

        @Option(
            name: [.customShort("O"), .customLong("file")], help: "Where to write the file; '-' for standard output.")
        var file: String?

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { opsline in
                let task = try await opsline.task(id: id)
                guard let attached = task.attachments?.first(where: { $0.id == attachment.lowercased() }) else {
                    TerminalOutput.error("error: \(id) has no attachment \(attachment)")
                    throw ExitCode(ExitStatus.failure)
                }
                let path = file ?? attached.name
                let destination = try Self.destination(path)
                let written = try await opsline.download(taskID: id, attachment: attached.id, to: destination)
                if path != "-" {
                    try? destination.close()
                    TerminalOutput.error("Saved \(attached.name) (\(DisplayText.bytes(written))) to \(path).")
                }
            }
        }

        /// Standard output for `-`, else a new file (an existing one is not overwritten).
        static func destination(_ path: String) throws -> FileHandle {
            if path == "-" { return FileHandle.standardOutput }
            guard !FileManager.default.fileExists(atPath: path) else {
                TerminalOutput.error("error: \(path) exists; choose another with -O")
                throw ExitCode(ExitStatus.failure)
            }
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                TerminalOutput.error("error: cannot create \(path)")
                throw ExitCode(ExitStatus.failure)
            }
            return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }
    }
}

/// Media types by file extension, for `opsline task attach`.
enum MediaTypes {
    static let byExtension: [String: String] = [
        "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "txt": "text/plain", "log": "text/plain", "csv": "text/csv", "md": "text/markdown",
        "json": "application/json", "eml": "message/rfc822", "zip": "application/zip",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc": "application/msword", "xls": "application/vnd.ms-excel",
    ]
}

import Foundation
import Postgres
import Workflow

extension CommandTransaction {
    /// The bytes of a file per `attachment_chunks` row: big enough that a file of a few megabytes
    /// is a handful of statements, small enough that a row's hex form stays well under a
    /// megabyte in memory.
    static let attachmentChunkSize = 256 * 1024

    /// Attaches the uploaded file: its row and its content, and — when it goes into an
    /// attachment field — the field, set to the attachment's id, which a transition's `require:`
    /// may be waiting for. Like any change, it bumps the task's version and records an event
    /// (`attached`, with the attachment), all in the command's transaction.
    func attach(_ upload: AttachmentUpload) async throws -> TaskRecord {
        let (current, _) = try await lockTask(upload.taskID, for: .attach(upload), expectedVersion: nil)
        let definition = try await definition(of: current)
        let id = UUID()
        var fields = current.fields
        if let field = upload.field {
            fields = try checkingRules { () throws(RuleViolation) in
                try definition.attaching(id.uuidString.lowercased(), toField: field, of: current.fields)
            }
        }
        let row = try await connection.query(
            AttachmentSQL.insert,
            [
                id, current.id, upload.name, upload.contentType, upload.size, upload.sha256, upload.field,
                caller.name ?? "system", statementNow,
            ]
        ).first!
        let attachment = try AttachmentRecord(row: row)
        try await storeContent(of: upload.file, as: id)
        let task = try TaskRecord(
            row: try await connection.query(
                TaskSQL.applyUpdate,
                [
                    current.id, current.title, current.assignee, current.team,
                    definition.priority?.followed(from: current.fields, to: fields) ?? current.priority,
                    JSONText.encode(fields), statementNow, current.watchingTeams,
                ], prepared: true
            ).first!)
        record(task, "attached", ["attachment": attachment.json])
        guard task.fields != current.fields else { return task }
        return try await followClocks(of: task, definition: definition, trigger: .fieldsChanged, at: task.updatedAt)
    }

    /// Copies the file into `attachment_chunks`, a chunk a statement, never more than one chunk
    /// in memory.
    private func storeContent(of file: URL, as id: UUID) async throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var number = 0
        while let chunk = try handle.read(upToCount: Self.attachmentChunkSize), !chunk.isEmpty {
            try await connection.query(AttachmentSQL.insertChunk, [id, number, PostgresBytes(chunk)])
            number += 1
        }
    }
}

import Foundation
import Postgres
import Workflow

/// A file attached to a task: what `GET /v1/tasks/{id}/attachments` lists and the task line
/// carries. The content is read separately (``AttachmentStore/content(of:)``).
public struct AttachmentRecord: Sendable, Hashable {
    /// The attachment's id.
    public let id: UUID
    /// The task it is attached to.
    public let taskID: String
    /// The file's name, as uploaded.
    public let name: String
    /// Its media type, as uploaded (one the server accepts).
    public let contentType: String
    /// Its size in bytes.
    public let size: Int64
    /// Lower-case hex of its SHA-256.
    public let sha256: String
    /// The attachment field it was uploaded into, if any.
    public let field: String?
    /// Who uploaded it (the caller's name).
    public let uploadedBy: String
    /// When.
    public let uploadedAt: Date

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        taskID = try row.decode("task_id")
        name = try row.decode("name")
        contentType = try row.decode("content_type")
        size = try row.decode("size")
        sha256 = try row.decode("sha256")
        field = try row.decode("field")
        uploadedBy = try row.decode("uploaded_by")
        uploadedAt = try row.decode("uploaded_at")
    }

    /// One element of the task row's `attachments` column (``AttachmentSQL/column``).
    init(json value: JSONValue, of taskID: String) throws {
        guard let id = value["id"]?.stringValue.flatMap(UUID.init(uuidString:)),
            let name = value["name"]?.stringValue, let contentType = value["content_type"]?.stringValue,
            let size = value["size"]?.intValue.map(Int64.init), let sha256 = value["sha256"]?.stringValue,
            let uploadedBy = value["uploaded_by"]?.stringValue,
            let uploadedAt = value["uploaded_at"]?.stringValue.flatMap(Date.init(postgresText:))
        else { throw StoreError.corruptRow("attachments of \(taskID): \(value.jsonText)") }
        self.id = id
        self.taskID = taskID
        self.name = name
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.field = value["field"]?.stringValue
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }

    init(
        id: UUID, taskID: String, upload: AttachmentUpload, uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.taskID = taskID
        self.name = upload.name
        self.contentType = upload.contentType
        self.size = upload.size
        self.sha256 = upload.sha256
        self.field = upload.field
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }

    /// The attachment as a line or part of one: `id`, `name`, `content_type`, `size`, `sha256`,
    /// `field` (when uploaded into one), `uploaded_by`, `uploaded_at`.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id.uuidString.lowercased()), "name": .string(name), "content_type": .string(contentType),
            "size": .int(size), "sha256": .string(sha256), "uploaded_by": .string(uploadedBy),
            "uploaded_at": .string(RFC3339.format(uploadedAt)),
        ]
        if let field { object["field"] = .string(field) }
        return .object(object)
    }
}

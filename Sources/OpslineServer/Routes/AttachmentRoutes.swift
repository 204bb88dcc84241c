import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpslineStore
import Workflow

/// `/v1/tasks/{id}/attachments`: upload a file onto a task (into an attachment field with
/// `field=`), list a task's files, download one.
struct AttachmentRoutes {
    let tasks: TaskStore
    let attachments: AttachmentStore
    var limits = AttachmentLimits()

    func register(on group: RouterGroup<AuthenticatedRequestContext>) {
        group.post(":id/attachments", query: ["name", "field"], use: upload)
        group.get(":id/attachments", query: [], use: list)
        group.get(":id/attachments/:attachment", query: [], use: download)
    }

    /// The body is the file (`Content-Type` its media type, `name=` its name); 201 with the task
    /// line, its `attachments` holding the new one last. Checked before anything is stored: the
    /// media type (415), the size (413, as soon as the body passes the limit), that the content
    /// is what its type says (415), the caller's access to the task (404/403). Honours
    /// `Idempotency-Key` (the same file, name and field again replay the first answer).
    @Sendable func upload(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        TaskRoutes.response(
            try await Self.receive(
                request, into: try context.parameters.require("id"), as: context.caller, tasks: tasks, limits: limits))
    }

    /// Receives the request's body as a file for task `id` and attaches it as `caller`: what
    /// `POST /v1/tasks/{id}/attachments` does, and the dashboard's upload with the session.
    static func receive(
        _ request: Request, into id: String, as caller: Principal, tasks: TaskStore, limits: AttachmentLimits
    ) async throws -> CommandAnswer {
        let query = QueryValues(request)
        let mediaType = try limits.types.mediaType(of: request.headers[.contentType])
        let name = try Self.fileName(query.required("name", "the file's name, such as qa-report.pdf"))
        let field = query.string("field")
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > limits.maximumBytes {
            throw APIError.tooLarge("a file may be at most \(AttachmentLimits.describe(bytes: limits.maximumBytes))")
        }
        // Before the upload is received: a task the caller cannot see is 404 at once, one it may
        // not change 403 (the command checks again, in its transaction).
        let task = try await TaskAccess(tasks: tasks).readable(id, by: caller)
        try AccessPolicy.check(caller, .attach, on: task)
        let spooled = try await SpooledUpload.receive(request.body, limit: limits.maximumBytes)
        defer { spooled.remove() }
        try limits.types.check(
            spooled.head, as: mediaType, isWholeFile: spooled.size <= Int64(SpooledUpload.headSize))
        let upload = AttachmentUpload(
            taskID: id, name: name, contentType: mediaType, size: spooled.size, sha256: spooled.sha256, field: field,
            file: spooled.file)
        let hash = "POST \(request.uri.path) \(name) \(mediaType) \(field ?? "") \(spooled.sha256)"
        let entry = BatchCommand(
            command: .attach(upload), idempotencyKey: request.headers[.idempotencyKey], requestHash: hash)
        return try await TaskAccess(tasks: tasks).apply(entry, as: caller)
    }

    /// The task's attachments, oldest first, a line each.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let task = try await TaskAccess(tasks: tasks).readable(try context.parameters.require("id"), by: context.caller)
        let buffers = task.attachments.map { NDJSON.buffer($0.json) }
        return Response(
            status: .ok, headers: [.contentType: NDJSON.contentType], body: .init(contentsOf: buffers))
    }

    /// The file, as it was uploaded: its media type, `Content-Disposition: attachment` with its
    /// name, its SHA-256 as the `ETag`.
    @Sendable func download(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let task = try await TaskAccess(tasks: tasks).readable(try context.parameters.require("id"), by: context.caller)
        let given = try context.parameters.require("attachment")
        guard let id = UUID(uuidString: given), let attachment = try await attachments.attachment(id, of: task.id)
        else { throw APIError.notFound("no attachment \(given) on \(task.id)") }
        return Self.response(attachment, content: attachments.content(of: attachment))
    }

    /// The file's response: its bytes, streamed, with the headers that make a browser save it.
    static func response(_ attachment: AttachmentRecord, content: AttachmentContent) -> Response {
        var headers: HTTPFields = [
            .contentType: attachment.contentType, .contentLength: String(attachment.size),
            .contentDisposition: Self.contentDisposition(attachment.name), .eTag: "\"\(attachment.sha256)\"",
            .cacheControl: "private, max-age=0",
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        let body = ResponseBody { writer in
            var written: Int64 = 0
            for try await chunk in content {
                try await writer.write(ByteBuffer(bytes: chunk))
                written += Int64(chunk.count)
            }
            // Stored content shorter than its row says: failing the body closes the connection,
            // rather than leave the client waiting for bytes promised by Content-Length.
            guard written == attachment.size else {
                throw StoreError.corruptRow(
                    "attachment \(attachment.id): \(written) of \(attachment.size) bytes stored")
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A file name as given, without a path (a client may send `reports/q3.pdf`): 400 when
    /// nothing is left, or it holds control characters.
    static func fileName(_ given: String) throws -> String {
        let name = String(given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
        guard !name.isEmpty, name != ".", name != "..",
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw QueryValues.bad("name", "name must be a file name such as qa-report.pdf, not '\(given)'")
        }
        return name
    }

    /// What RFC 5987 lets stand unencoded in `filename*`.
    private static let attributeCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")

    /// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the plain name for old
    /// clients, with anything but printable ASCII replaced, and the exact one percent-encoded.
    static func contentDisposition(_ name: String) -> String {
        let plain = String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" }
        )
        let encoded = name.addingPercentEncoding(withAllowedCharacters: Self.attributeCharacters) ?? plain
        return "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(encoded)"
    }
}

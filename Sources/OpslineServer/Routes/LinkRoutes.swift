import Hummingbird
import OpslineStore
import Workflow

/// `/v1/tasks/{id}/links`: links between tasks besides parent and child — list, make, remove.
struct LinkRoutes {
    let tasks: TaskStore

    func register(on group: RouterGroup<AuthenticatedRequestContext>) {
        group.get(":id/links", query: [], use: list)
        group.post(":id/links", query: [], use: link)
        group.delete(":id/links", query: ["type", "task"], use: unlink)
    }

    /// The task's links both ways, oldest first, to the tasks the caller sees.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let task = try await TaskAccess(tasks: tasks).readable(try context.parameters.require("id"), by: context.caller)
        let links = try await tasks.links(of: task.id, scope: AccessPolicy.teamScope(context.caller))
        return Response(
            status: .ok, headers: [.contentType: NDJSON.contentType],
            body: .init(contentsOf: links.map { NDJSON.buffer($0.json) }))
    }

    /// `{"type": "relates_to" | "caused_by", "task": OTHER}`: 201 with the task line; the same
    /// again changes nothing. `GET /v1/tasks/{id}` and this route's `GET` show the links.
    @Sendable func link(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.require("id")
        let line = try await request.singleLine()
        let reader = LineObject(line: line.number, object: try line.object(), keys: ["type", "task"])
        try reader.rejectUnknownKeys()
        let change = LinkChange(
            taskID: id, type: try Self.type(try reader.string("type")), other: try reader.string("task"))
        return try await apply(change, hash: "POST \(request.uri.path) \(line.digest)", request, context)
    }

    /// `?type=&task=`: removes the link; 200 with the task line.
    @Sendable func unlink(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let query = QueryValues(request)
        let change = LinkChange(
            taskID: id, type: try Self.type(try query.required("type", "relates_to or caused_by")),
            other: try query.required("task", "the linked task's id"), remove: true)
        return try await apply(change, hash: "DELETE \(request.uri.path) \(change)", request, context)
    }

    /// Runs the change once the caller is known to see the other task: one of another team is no
    /// task to it (`400`, as for one that does not exist).
    private func apply(
        _ change: LinkChange, hash: String, _ request: Request, _ context: AuthenticatedRequestContext
    ) async throws -> Response {
        do {
            _ = try await TaskAccess(tasks: tasks).readable(change.other, by: context.caller)
        } catch StoreError.taskNotFound {
            throw APIError.from(StoreError.unknownReference(field: "task", value: change.other))
        }
        let entry = BatchCommand(
            command: .link(change), idempotencyKey: request.headers[.idempotencyKey], requestHash: hash)
        return TaskRoutes.response(try await TaskAccess(tasks: tasks).apply(entry, as: context.caller))
    }

    /// A link type that can be made: `relates_to` or `caused_by`.
    static func type(_ name: String) throws -> LinkType {
        guard let type = LinkType(rawValue: name), LinkType.creatable.contains(type) else {
            let known = LinkType.creatable.map(\.rawValue).joined(separator: " or ")
            throw APIError(
                .unprocessableContent, code: "validation_failed", message: "type must be \(known), not '\(name)'",
                details: ["fields": ["type": .string("must be \(known)")]])
        }
        return type
    }
}

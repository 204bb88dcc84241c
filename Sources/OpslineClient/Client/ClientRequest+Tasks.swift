import Foundation
import Workflow

extension ClientRequest {
    /// `POST /v1/tasks` with one task.
    public static func createTask(_ task: NewTask) -> ClientRequest {
        ClientRequest(method: .post, path: "/v1/tasks", lines: [task.line])
    }

    /// `GET /v1/tasks` with the filter's criteria.
    public static func listTasks(_ filter: TaskFilter) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/tasks", query: filter.queryItems)
    }

    /// `GET /v1/tasks/{id}`.
    public static func task(id: String) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/tasks/" + escape(id))
    }

    /// `POST /v1/tasks/{id}/transitions`.
    ///
    /// - Parameters:
    ///   - id: The task's identifier.
    ///   - transition: The transition's name, such as `resolve`.
    ///   - fields: Field values to set with the move; left out when empty.
    ///   - note: A note for the history.
    ///   - expectedVersion: The task version the caller saw; the server refuses the move with
    ///     `version_conflict` when the task has changed since.
    public static func transition(
        id: String, transition: String, fields: [String: JSONValue] = [:], note: String? = nil,
        expectedVersion: Int? = nil
    ) -> ClientRequest {
        var members: [String: JSONValue] = ["transition": .string(transition)]
        members["fields"] = fields.isEmpty ? nil : .object(fields)
        members["note"] = note.map(JSONValue.string)
        members["expected_version"] = expectedVersion.map { .int(Int64($0)) }
        return ClientRequest(
            method: .post, path: "/v1/tasks/" + escape(id) + "/transitions",
            lines: [.object(members)])
    }

    /// `PATCH /v1/tasks/{id}`: changes fields, title, assignee, team or priority.
    public static func updateTask(id: String, _ update: TaskChanges) -> ClientRequest {
        ClientRequest(method: .patch, path: "/v1/tasks/" + escape(id), lines: [update.line])
    }

    /// `POST /v1/tasks/{id}/comments`: adds a comment to the task's history.
    public static func comment(id: String, text: String) -> ClientRequest {
        ClientRequest(
            method: .post, path: "/v1/tasks/" + escape(id) + "/comments", lines: [.object(["text": .string(text)])])
    }

    /// `POST /v1/tasks/{id}/attachments?name=&field=`: attaches the bytes of `file`, sent as
    /// `contentType`, named `name`, into the attachment field `field` if given.
    public static func attach(
        id: String, file: URL, name: String, contentType: String, field: String? = nil
    ) -> ClientRequest {
        ClientRequest(
            method: .post, path: "/v1/tasks/" + escape(id) + "/attachments",
            query: [("name", name)] + (field.map { [("field", $0)] } ?? []),
            document: RequestDocument(contentType: contentType, file: file))
    }

    /// `POST /v1/tasks/{id}/checklist`: ticks `item` of the checklist of the task's state, or
    /// unticks it when `done` is false.
    public static func check(id: String, item: String, done: Bool = true) -> ClientRequest {
        ClientRequest(
            method: .post, path: "/v1/tasks/" + escape(id) + "/checklist",
            lines: [.object(["item": .string(item), "done": .bool(done)])])
    }

    /// `POST /v1/tasks/{id}/links`: links the task to `other` as `type` (`relates_to`,
    /// `caused_by`); `DELETE` with `remove`.
    public static func link(id: String, type: String, other: String, remove: Bool = false) -> ClientRequest {
        let path = "/v1/tasks/" + escape(id) + "/links"
        guard !remove else {
            return ClientRequest(method: .delete, path: path, query: [("type", type), ("task", other)])
        }
        return ClientRequest(
            method: .post, path: path, lines: [.object(["type": .string(type), "task": .string(other)])])
    }

    /// `GET /v1/tasks/{id}/attachments/{attachment}`: one attached file's bytes.
    public static func attachment(taskID: String, id: String) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/tasks/" + escape(taskID) + "/attachments/" + escape(id))
    }

    /// `GET /v1/tasks/{id}/events`: the task's history, oldest first.
    public static func events(taskID: String) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/tasks/" + escape(taskID) + "/events")
    }
}

import Foundation
import HTTPTypes
@testable import Workflow

/// Helpers for walking a shipped workflow through the HTTP API, one step at a time.
extension APIClient {
    /// Creates one task from a `POST /v1/tasks` line and returns its task line; anything but
    /// `201 Created` fails with the server's answer.
    func create(_ line: String, token: String = TestServer.adminSecret) async throws -> [String: JSONValue] {
        let reply = try await send(.post, "/v1/tasks", body: line, token: token)
        guard reply.status == .created, reply.object["id"]?.stringValue != nil else {
            throw TestFailure("create failed: \(reply.status) \(reply.text)")
        }
        return reply.object
    }

    /// Fires `transition` on task `id`, setting `fields` (a JSON object's text) with it.
    func fire(
        _ id: String, _ transition: String, fields: String? = nil, token: String = TestServer.adminSecret
    ) async throws -> Reply {
        let fieldsMember = fields.map { #","fields":\#($0)"# } ?? ""
        return try await send(
            .post, "/v1/tasks/\(id)/transitions", body: #"{"transition":"\#(transition)"\#(fieldsMember)}"#,
            token: token)
    }

    /// Fires `transition` and expects it to go through, returning the task line after it.
    func advance(
        _ id: String, _ transition: String, fields: String? = nil, token: String = TestServer.adminSecret
    ) async throws -> [String: JSONValue] {
        let reply = try await fire(id, transition, fields: fields, token: token)
        guard reply.status == .ok else {
            throw TestFailure("\(transition) on \(id) failed: \(reply.status) \(reply.text)")
        }
        return reply.object
    }

    /// The task line `GET /v1/tasks/{id}` answers with.
    func task(_ id: String) async throws -> [String: JSONValue] {
        let reply = try await send(.get, "/v1/tasks/\(id)")
        guard reply.status == .ok else { throw TestFailure("GET \(id) failed: \(reply.status) \(reply.text)") }
        return reply.object
    }

    /// The task's children as `GET /v1/tasks?parent=` lists them, oldest first.
    func children(of id: String) async throws -> [[String: JSONValue]] {
        let reply = try await send(.get, "/v1/tasks?parent=\(id)")
        guard reply.status == .ok else { throw TestFailure("listing children failed: \(reply.text)") }
        return reply.lines.compactMap(\.objectValue)
    }
}

extension APIClient.Reply {
    /// The error object's details member `key` (e.g. `missing_fields`, `open_children`).
    func errorDetail(_ key: String) -> JSONValue? {
        object["error"]?[key]
    }

    /// A details member that is a list of strings, e.g. the missing fields or the open children.
    func errorList(_ key: String) -> [String]? {
        guard case .array(let items) = errorDetail(key) else { return nil }
        return items.compactMap(\.stringValue)
    }
}

extension JSONValue {
    /// The SLA clock `policy` of a task line's `sla` list, when the line is a task line.
    func clock(_ policy: String) -> JSONValue? {
        guard case .array(let clocks) = self["sla"] else { return nil }
        return clocks.first { $0["policy"]?.stringValue == policy }
    }

    /// The ids listed in a task line's `children`, or `nil` when it has no such key.
    var childIDs: [String]? {
        guard case .array(let items) = self else { return nil }
        return items.compactMap(\.stringValue)
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A small workflow the workflow tests publish themselves, so they do not depend on the shipped
/// files: version 1 needs an answer to answer; version 2 drops that guard and may close an
/// unanswered ticket.
enum HelpDeskFixture {
    static let version1 = """
        workflow: help-desk
        title: Help desk
        key: HLP
        team: support
        fields:
          summary: {type: string, required: true}
          answer:  {type: text}
        states:
          open:     {initial: true}
          answered: {}
          closed:   {final: true}
        transitions:
          answer: {from: open, to: answered, require: [answer]}
          reopen: {from: answered, to: open}
          close:  {from: answered, to: closed}
        """

    static let version2 =
        version1
        .replacingOccurrences(of: "{from: open, to: answered, require: [answer]}", with: "{from: open, to: answered}")
        .replacingOccurrences(
            of: "close:  {from: answered, to: closed}", with: "close:  {from: [open, answered], to: closed}")

    /// The same workflow as a JSON document.
    static let json = """
        {
          "workflow": "help-desk", "title": "Help desk", "key": "HLP", "team": "support",
          "fields": {"summary": {"type": "string", "required": true}, "answer": {"type": "text"}},
          "states": {"open": {"initial": true}, "answered": {}, "closed": {"final": true}},
          "transitions": {
        \t"answer": {"from": "open", "to": "answered", "require": ["answer"]},
        \t"reopen": {"from": "answered", "to": "open"},
        \t"close": {"from": "answered", "to": "closed"}
          }
        }
        """
}

extension APIClient {
    /// Publishes a workflow document with `PUT /v1/workflows/{name}`.
    func put(
        _ name: String, _ document: String, contentType: String = "application/yaml",
        token: String? = TestServer.adminSecret
    ) async throws -> Reply {
        try await send(.put, "/v1/workflows/\(name)", body: document, token: token, contentType: contentType)
    }

    /// Creates a help-desk ticket and returns its id.
    func createTicket(_ title: String) async throws -> String {
        let reply = try await send(
            .post, "/v1/tasks", body: #"{"workflow":"help-desk","title":"\#(title)","fields":{"summary":"s"}}"#)
        guard reply.status == .created, let id = reply.object["id"]?.stringValue else {
            throw TestFailure("create failed: \(reply.status) \(reply.text)")
        }
        return id
    }

    /// A GET whose answer is text rather than lines, such as a state diagram.
    func text(_ uri: String, token: String = TestServer.adminSecret) async throws -> (HTTPResponse, String) {
        let response = try await client.execute(
            uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
        return (HTTPResponse(status: response.status, headerFields: response.headers), String(buffer: response.body))
    }
}

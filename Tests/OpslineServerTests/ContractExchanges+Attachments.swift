import Foundation
import Workflow
import TestSupport
import Testing

/// `/v1/tasks/{id}/attachments`: uploading, listing and downloading a file.
extension ContractExchanges {
    func attachments(_ id: String) async throws {
        let path = "/v1/tasks/{id}/attachments"
        let task = ["id": id]
        let note = "Called the customer: refund promised by Friday.\n"
        let uploaded = try await api.exchange(
            "a text file", .post, path, task, query: "name=call-notes.txt", body: note, contentType: "text/plain",
            expect: 201)
        let attachment = try #require(uploaded.object["attachments"].flatMap(Self.lastItem)?["id"]?.stringValue)
        try await api.exchange(
            "a file type not accepted", .post, path, task, query: "name=run.sh", body: "#!/bin/sh\n",
            contentType: "application/x-sh", expect: 415)
        try await api.exchange(
            "a file that is not what its type says", .post, path, task, query: "name=a.pdf", body: "not a pdf",
            contentType: "application/pdf", expect: 415)
        try await api.exchange(
            "a file without a name", .post, path, task, body: note, contentType: "text/plain", expect: 400)
        try await api.exchange(
            "into a field that is not an attachment field", .post, path, task, query: "name=n.txt&field=customer",
            body: note, contentType: "text/plain", expect: 422)
        try await api.exchange(
            "a viewer's file", .post, path, task, query: "name=n.txt", body: note, contentType: "text/plain",
            token: viewer, expect: 403)
        try await api.exchange(
            "onto another team's task, as an unknown task", .post, path, task, query: "name=n.txt", body: note,
            contentType: "text/plain", token: outsider, expect: 404)
        try await api.exchange("a task's files", .get, path, task, expect: 200)
        let one = "/v1/tasks/{id}/attachments/{attachment}"
        let downloaded = try await api.exchange(
            "a file's bytes", .get, one, ["id": id, "attachment": attachment], expect: 200)
        #expect(downloaded.body == note)
        try await api.exchange(
            "an unknown file", .get, one, ["id": id, "attachment": UUID().uuidString], expect: 404)
        try await api.exchange(
            "another team's task's file", .get, one, ["id": id, "attachment": attachment], token: outsider,
            expect: 404)
    }

    /// The last item of a JSON array.
    private static func lastItem(_ value: JSONValue) -> JSONValue? {
        if case .array(let items) = value { return items.last }
        return nil
    }
}

/// `POST /v1/tasks/{id}/checklist`: ticking an item of a state's checklist.
extension ContractExchanges {
    func checklists() async throws {
        try await api.exchange(
            "a workflow with a checklist", .put, "/v1/workflows/{name}", ["name": "pricing-demo"],
            body: ChecklistDemo.workflow, contentType: "application/yaml", expect: 201)
        let id = try await api.exchange(
            "a task whose state has a checklist", .post, "/v1/tasks",
            body: #"{"workflow":"pricing-demo","title":"Tea pricing"}"#, expect: 201
        ).string("id")
        let path = "/v1/tasks/{id}/checklist"
        let task = ["id": id]
        try await api.exchange("ticking an item", .post, path, task, body: #"{"item":"cost_analysis"}"#, expect: 200)
        try await api.exchange(
            "unticking it", .post, path, task, body: #"{"item":"cost_analysis","done":false}"#, expect: 200)
        try await api.exchange(
            "an item the state does not list", .post, path, task, body: #"{"item":"listings"}"#, expect: 422)
        try await api.exchange(
            "a transition waiting for the checklist", .post, "/v1/tasks/{id}/transitions", task,
            body: #"{"transition":"submit"}"#, expect: 422)
        try await api.exchange(
            "a line with an unknown key", .post, path, task, body: #"{"item":"cost_analysis","x":1}"#, expect: 400)
        try await api.exchange(
            "a viewer's tick", .post, path, task, body: #"{"item":"cost_analysis"}"#, token: viewer, expect: 403)
        try await api.exchange(
            "another team's task, as an unknown task", .post, path, task, body: #"{"item":"cost_analysis"}"#,
            token: outsider, expect: 404)
    }
}

/// `/v1/tasks/{id}/links`: linking tasks.
extension ContractExchanges {
    func links(_ id: String) async throws {
        let other = try await api.exchange(
            "a task to link to", .post, "/v1/tasks", body: Self.complaint, expect: 201
        ).string("id")
        let path = "/v1/tasks/{id}/links"
        let task = ["id": id]
        try await api.exchange(
            "a link", .post, path, task, body: #"{"type":"caused_by","task":"\#(other)"}"#, expect: 201)
        try await api.exchange("a task's links", .get, path, task, expect: 200)
        try await api.exchange(
            "a link of an unknown type", .post, path, task, body: #"{"type":"causes","task":"\#(other)"}"#,
            expect: 422)
        try await api.exchange(
            "a link to an unknown task", .post, path, task, body: #"{"type":"relates_to","task":"CMP-999"}"#,
            expect: 400)
        try await api.exchange(
            "a viewer's link", .post, path, task, body: #"{"type":"relates_to","task":"\#(other)"}"#, token: viewer,
            expect: 403)
        try await api.exchange(
            "removing the link", .delete, path, task, query: "type=caused_by&task=\(other)", expect: 200)
        try await api.exchange(
            "removing without the other task", .delete, path, task, query: "type=caused_by", expect: 400)
    }
}

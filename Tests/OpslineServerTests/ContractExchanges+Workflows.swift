import Foundation
import Testing

/// `/v1/workflows` and below: every shipped workflow's definition and diagrams (so that every
/// feature a definition line can hold is shown), publishing and its refusals.
extension ContractExchanges {
    func workflows() async throws {
        let listed = try await api.exchange("every workflow", .get, "/v1/workflows", expect: 200).lines
        let names = listed.compactMap { $0["name"]?.stringValue }
        #expect(names.count >= 7, "the shipped workflows and the drill are published: \(names)")
        for name in names {
            let workflow = ["name": name]
            try await api.exchange("a definition", .get, "/v1/workflows/{name}", workflow, expect: 200)
            try await api.exchange(
                "a diagram in dot", .get, "/v1/workflows/{name}/graph", workflow, query: "format=dot", expect: 200)
            try await api.exchange(
                "a diagram in mermaid", .get, "/v1/workflows/{name}/graph", workflow, query: "format=mermaid",
                expect: 200)
            try await api.exchange(
                "a diagram in SVG", .get, "/v1/workflows/{name}/graph", workflow, query: "format=svg", expect: 200)
        }
        try await readingWorkflows()
        try await publishingWorkflows()
        try await schedules()
    }

    /// Versions, refusals and other tokens on the reading routes.
    func readingWorkflows() async throws {
        let path = "/v1/workflows/{name}"
        let complaint = ["name": "complaint-escalation"]
        try await api.exchange("a version", .get, path, complaint, query: "version=1", token: viewer, expect: 200)
        try await api.exchange("version is not a number", .get, path, complaint, query: "version=x", expect: 400)
        try await api.exchange("an unknown version", .get, path, complaint, query: "version=99", expect: 404)
        try await api.exchange("an unknown workflow", .get, path, ["name": "nope"], expect: 404)
        let graph = "/v1/workflows/{name}/graph"
        try await api.exchange(
            "a version's diagram, default format", .get, graph, complaint, query: "version=1", token: viewer,
            expect: 200)
        try await api.exchange("an unknown format", .get, graph, complaint, query: "format=png", expect: 400)
        try await api.exchange("an unknown workflow's diagram", .get, graph, ["name": "nope"], expect: 404)
        try await api.exchange("a viewer's list", .get, "/v1/workflows", token: viewer, expect: 200)
    }

    /// `PUT /v1/workflows/{name}`.
    func publishingWorkflows() async throws {
        let path = "/v1/workflows/{name}"
        let helpDesk = ["name": "help-desk"]
        let yaml = "application/yaml"
        try await api.exchange(
            "a new workflow", .put, path, helpDesk, body: HelpDeskFixture.version1, contentType: yaml, expect: 201)
        try await api.exchange(
            "the same document: unchanged", .put, path, helpDesk, body: HelpDeskFixture.version1, contentType: yaml,
            expect: 200)
        try await api.exchange(
            "a new version as JSON", .put, path, helpDesk, body: HelpDeskFixture.json, contentType: "application/json",
            expect: 201)
        try await api.exchange(
            "a new version as text/yaml", .put, path, helpDesk, body: HelpDeskFixture.version2,
            contentType: "text/yaml",
            expect: 201)
        try await api.exchange(
            "the document names another workflow", .put, path, ["name": "other"], body: HelpDeskFixture.version1,
            contentType: yaml, expect: 400)
        try await api.exchange(
            "a document that does not load", .put, path, helpDesk,
            body: HelpDeskFixture.version1.replacingOccurrences(of: "to: closed", with: "to: closd"), contentType: yaml,
            expect: 422)
        try await api.exchange(
            "only admins publish", .put, path, helpDesk, body: HelpDeskFixture.version1, contentType: yaml,
            token: member, expect: 403)
        try await api.exchange(
            "another content type", .put, path, helpDesk, body: HelpDeskFixture.version1, contentType: "text/csv",
            expect: 415)
        try await api.exchange(
            "a document over 1 MiB", .put, path, helpDesk,
            body: HelpDeskFixture.version1 + "\n#" + Self.oversized, contentType: yaml,
            expect: 413)
    }
}

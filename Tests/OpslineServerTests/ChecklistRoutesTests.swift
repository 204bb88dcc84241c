import Foundation
import HTTPTypes
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// Ticking a state's checklist through the API: the task line shows the progress, the transition
/// waiting for it names what is not ticked, and the ticks are changes like any other — a version,
/// an event, an idempotency key, the caller's role.
@Suite struct ChecklistRoutesTests {
    func task(_ api: APIClient) async throws -> String {
        #expect(try await api.put("pricing-demo", ChecklistDemo.workflow).status == .created)
        let reply = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"pricing-demo","title":"Tea pricing"}"#)
        return try #require(reply.object["id"]?.stringValue, "\(reply.text)")
    }

    func tick(
        _ api: APIClient, _ id: String, _ body: String, token: String = TestServer.adminSecret
    ) async throws
        -> APIClient.Reply
    {
        try await api.send(.post, "/v1/tasks/\(id)/checklist", body: body, token: token)
    }

    @Test func theTransitionWaitsUntilEveryItemIsTickedAndTheLineShowsTheProgress() async throws {
        try await TestServer.make().run { api in
            let id = try await task(api)
            let created = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(created.object["checklist"]?["done"] == 0 && created.object["checklist"]?["total"] == 2)

            let first = try await tick(api, id, #"{"item":"cost_analysis"}"#)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.object["version"] == 2)
            let items = AttachmentRoutesTests.items(first.object["checklist"]?["items"])
            #expect(items.count == 2, "\(first.text)")
            #expect(
                items.first?["item"] == "cost_analysis" && items.first?["done"] == true && items.first?["by"] == "admin"
            )
            #expect(items.last?["title"] == "Price range approved" && items.last?["done"] == false)

            let waiting = try await api.move(id, "submit")
            #expect(waiting.status == .unprocessableContent && waiting.errorCode == "guard_failed", "\(waiting.text)")
            #expect(waiting.object["error"]?["open_items"] == ["price_range"], "\(waiting.text)")

            // Ticking what is ticked changes nothing; unticking and ticking again are changes.
            #expect(try await tick(api, id, #"{"item":"cost_analysis","done":true}"#).object["version"] == 2)
            #expect(
                try await tick(api, id, #"{"item":"cost_analysis","done":false}"#).object["checklist"]?["done"] == 0)
            _ = try await tick(api, id, #"{"item":"cost_analysis"}"#)
            let all = try await tick(api, id, #"{"item":"price_range"}"#)
            #expect(all.object["checklist"]?["done"] == 2, "\(all.text)")
            let moved = try await api.move(id, "submit")
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(moved.object["checklist"] == .null, "review has no checklist")

            let history = try await api.send(.get, "/v1/tasks/\(id)/events").lines.filter {
                ["checked", "unchecked"].contains($0["type"]?.stringValue)
            }
            #expect(history.map { $0["type"]?.stringValue } == ["checked", "unchecked", "checked", "checked"])
            #expect(history.last?["data"]?["progress"] == ["done": 2, "total": 2])
        }
    }

    @Test func anItemTheStateDoesNotListOrACallerWhoMayNotWorkOnTheTaskIsRefused() async throws {
        let server = try await TestServer.make()
        let viewer = try await server.mint(.viewer, teams: ["support"])
        try await server.run { api in
            let id = try await task(api)
            let unknown = try await tick(api, id, #"{"item":"listings"}"#)
            #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
            #expect(
                unknown.object["error"]?["fields"]?["item"]
                    == "is not on the checklist of state 'pricing' (cost_analysis, price_range)", "\(unknown.text)")
            let badLine = try await tick(api, id, #"{"item":"cost_analysis","extra":1}"#)
            #expect(badLine.status == .badRequest, "\(badLine.text)")
            #expect(try await tick(api, id, #"{"item":"cost_analysis"}"#, token: viewer).status == .forbidden)

            let complaint = try await api.createComplaint()
            let none = try await tick(api, complaint, #"{"item":"anything"}"#)
            #expect(none.object["error"]?["fields"]?["item"] == "state 'received' has no checklist", "\(none.text)")
            #expect(try await api.send(.get, "/v1/tasks/\(id)").object["version"] == 1, "nothing changed")
        }
    }

    @Test func aBatchLineTicksToo() async throws {
        try await TestServer.make().run { api in
            let id = try await task(api)
            let lines = """
                {"op":"check","task":"\(id)","item":"cost_analysis","idempotency_key":"tick-1"}
                {"op":"check","task":"\(id)","item":"nope"}
                {"op":"check","task":"\(id)","item":"price_range","done":true}

                """
            let reply = try await api.send(.post, "/v1/events", body: lines)
            #expect(
                reply.lines.map { $0["status"]?.intValue ?? $0["error"]?["status"]?.intValue } == [200, 422, 200],
                "\(reply.text)")
            #expect(try await api.move(id, "submit").status == .ok)
        }
    }
}

import Foundation
import OpslineStore
import TestSupport
import Testing

@testable import OpslineServer
@testable import Workflow

/// Dates relative to a parent through the API, on the shipped launch readiness: each readiness
/// item is due working days before the launch date (its `due_date`, and its `ready_by` clock to
/// the end of that date in business-hours, Asia/Shanghai), the at-risk view shows the items that
/// will miss the launch, and moving the launch date moves the open items. Time is the test's:
/// Wednesday 2026-12-02 10:00 in Shanghai.
@Suite struct ParentDateRoutesTests {
    static let launch = """
        {"workflow":"launch-readiness","title":"Tea launch","fields":{"product":"Tea","launch_date":"2026-12-18"}}
        """

    /// The readiness items of a launch, by area.
    static func items(of id: String, _ api: APIClient) async throws -> [String: [String: JSONValue]] {
        var items: [String: [String: JSONValue]] = [:]
        for child in try await api.children(of: id) {
            let task = try await api.task(try #require(child["id"]?.stringValue))
            items[try #require(task["fields"]?["area"]?.stringValue)] = task
        }
        return items
    }

    static func readyBy(_ task: [String: JSONValue]?) -> JSONValue? {
        task?["sla"]?.arrayValue?.first { $0["policy"] == "ready_by" }?["due_at"]
    }

    @Test func itemsAreDueBeforeTheLaunchAndMoveWithIt() async throws {
        let time = TestTime(start: RFC3339.parse("2026-12-02T02:00:00Z")!)
        let server = try await TestServer.make(time: time)
        try await server.run { api in
            let created = try await api.create(Self.launch)
            let id = try #require(created["id"]?.stringValue)
            var items = try await Self.items(of: id, api)
            // Ten working days before Friday 2026-12-18 is Friday 2026-12-04; five, 2026-12-11.
            #expect(items["warm_up"]?["fields"]?["due_date"] == "2026-12-04")
            #expect(items["qa"]?["fields"]?["due_date"] == "2026-12-11")
            // Due when the date's working hours end: 18:00 in Shanghai.
            #expect(Self.readyBy(items["warm_up"]) == "2026-12-04T10:00:00.000Z")
            #expect(Self.readyBy(items["qa"]) == "2026-12-11T10:00:00.000Z")

            let atRisk = try await api.send(.get, "/v1/sla/at-risk?within=3d&policy=ready_by").lines
            #expect(
                Set(atRisk.compactMap { $0["task"]?.stringValue })
                    == Set(
                        ["warm_up", "user_testing", "pricing", "legal"].compactMap { items[$0]?["id"]?.stringValue }))

            // QA is done; the launch moves a week later: the open items move, QA does not.
            let qa = try #require(items["qa"]?["id"]?.stringValue)
            _ = try await LaunchReadinessFlowTests.complete(qa, "qa", api)
            let moved = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"launch_date":"2026-12-25"}}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            items = try await Self.items(of: id, api)
            #expect(items["warm_up"]?["fields"]?["due_date"] == "2026-12-11")
            #expect(Self.readyBy(items["warm_up"]) == "2026-12-11T10:00:00.000Z")
            #expect(items["sales_training"]?["fields"]?["due_date"] == "2026-12-18")
            #expect(items["qa"]?["fields"]?["due_date"] == "2026-12-11")
            let warmUp = try #require(items["warm_up"]?["id"]?.stringValue)
            let events = try await api.send(.get, "/v1/tasks/\(warmUp)/events").lines
            let followed = try #require(events.last { $0["type"] == "updated" })
            #expect(followed["actor"]?.stringValue == "admin")
            #expect(followed["data"]?["note"]?.stringValue == "follows \(id) due_date = launch_date - 10d")
            #expect(events.contains { $0["type"] == "sla_retargeted" })
            #expect(try await api.send(.get, "/v1/sla/at-risk?within=3d&policy=ready_by").lines.isEmpty)
        }
    }
}

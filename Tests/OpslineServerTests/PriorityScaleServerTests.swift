import Foundation
import TestSupport
import Testing
@testable import Workflow

/// A workflow's priority scale: a task's priority is one of its values (a 422 naming `priority`
/// otherwise, on every entry), a task created without one gets the default, and an escalation's
/// `raise` moves one step up the scale.
@Suite struct PriorityScaleServerTests {
    static let workflow = """
        workflow: tiers
        key: TIR
        team: support
        calendar: 24x7
        priority: {values: [urgent, high, normal, low], default: normal, from: impact}
        fields:
          impact: {type: enum, values: [urgent, high, normal, low]}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: 2s
            escalate:
              - {after: 0, priority: raise}
        """

    static func server(time: TestTime = TestTime()) async throws -> TestServer {
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: workflow, file: "tiers.yaml")
        return server
    }

    @Test func aPriorityOffTheScaleIsRefusedNamingTheFieldAndTheDefaultFillsIn() async throws {
        try await Self.server().run { api in
            let plain = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"tiers","title":"a"}"#)
            #expect(plain.status == .created)
            #expect(plain.object["priority"] == "normal", "the scale's default")
            let id = try #require(plain.object["id"]?.stringValue)

            let refused = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"tiers","title":"b","priority":"p1"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "validation_failed")
            #expect(
                refused.object["error"]?["fields"]?["priority"]
                    == "'p1' is not a priority of this workflow; use one of urgent, high, normal, low")

            let patched = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"priority":"highest"}"#)
            #expect(patched.status == .unprocessableContent)
            #expect(patched.object["error"]?["fields"]?["priority"] != nil, "\(patched.text)")
            #expect(try await api.task(id)["priority"] == "normal", "nothing changed")
            #expect(try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"priority":"high"}"#).status == .ok)
            let cleared = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"priority":null}"#)
            #expect(cleared.status == .unprocessableContent, "a scale with a default: always a priority")
            #expect(
                cleared.object["error"]?["fields"]?["priority"]?.stringValue?.hasPrefix("cannot be cleared") == true)

            // One bad line of a batch is refused on its own.
            let batch = try await api.send(
                .post, "/v1/events",
                body: """
                    {"op":"create","workflow":"tiers","title":"c","priority":"urgent"}
                    {"op":"update","task":"\(id)","priority":"p0"}
                    """)
            #expect(batch.lines.first?["task"]?["priority"] == "urgent", "\(batch.text)")
            #expect(batch.lines.last?["error"]?["fields"]?["priority"] != nil, "\(batch.text)")
            #expect(try await api.task(id)["priority"] == "high")
        }
    }

    /// `from: impact`: a new task takes its impact as priority, and a change of impact (an update
    /// or a transition's fields) sets it again; an explicit priority wins at creation.
    @Test func thePriorityFollowsItsField() async throws {
        try await Self.server().run { api in
            let created = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"tiers","title":"a","fields":{"impact":"high"}}"#)
            #expect(created.object["priority"] == "high")
            let id = try #require(created.object["id"]?.stringValue)
            let explicit = try await api.send(
                .post, "/v1/tasks",
                body: #"{"workflow":"tiers","title":"b","fields":{"impact":"high"},"priority":"low"}"#)
            #expect(explicit.object["priority"] == "low")

            let raised = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"impact":"urgent"}}"#)
            #expect(raised.object["priority"] == "urgent")
            let updated = try #require(try await api.send(.get, "/v1/tasks/\(id)/events").lines.last)
            #expect(updated["data"]?["priority"] == ["from": "high", "to": "urgent"], "\(updated)")

            let moved = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: #"{"transition":"finish","fields":{"impact":"low"}}"#)
            #expect(moved.object["priority"] == "low", "\(moved.text)")
            let transitioned = try #require(
                try await api.send(.get, "/v1/tasks/\(id)/events").lines.last { $0["type"] == "transitioned" })
            #expect(transitioned["data"]?["priority"] == ["from": "urgent", "to": "low"])
        }
    }

    @Test func anEscalationRaisesAlongTheScale() async throws {
        let time = TestTime()
        let server = try await Self.server(time: time)
        try await RunningScheduler.with(server.database, time: time) { running in
            try await server.run { api in
                let low = try #require(
                    try await api.send(.post, "/v1/tasks", body: #"{"workflow":"tiers","title":"a","priority":"low"}"#)
                        .object["id"]?.stringValue)
                let top = try #require(
                    try await api.send(
                        .post, "/v1/tasks", body: #"{"workflow":"tiers","title":"b","priority":"urgent"}"#
                    ).object["id"]?.stringValue)
                await running.advance(by: .seconds(2))
                _ = try await running.until({ try await api.task(low) }) { $0["priority"] == "normal" }
                let escalated = try await running.until({ try await api.task(top) }) {
                    $0["sla"]?.arrayValue?.first?["escalation_level"] == 1
                }
                #expect(escalated["priority"] == "urgent", "the most urgent stays")
            }
        }
    }
}

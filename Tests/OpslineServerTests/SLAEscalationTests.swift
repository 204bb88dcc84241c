import Foundation
import Logging
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// A clock of a few seconds on the 24x7 calendar warns, breaches and escalates twice, each at
/// its time, while the scheduler runs; the task line shows the clock throughout.
@Suite struct SLAEscalationTests {
    static let drill = SLADrill.workflow(named: "sla-drill", key: "DRL")

    @Test func aShortClockWarnsBreachesAndEscalatesAtItsTimes() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: Self.drill, file: "sla-drill.yaml")
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                let created = try await api.send(
                    .post, "/v1/tasks",
                    body: #"{"workflow":"sla-drill","title":"Payment page down","priority":"p3"}"#)
                let id = try #require(created.object["id"]?.stringValue)
                let clock = try #require(created.object["sla"]?.arrayValue?.first)
                #expect(clock["state"] == "running")
                #expect(clock["target_s"] == 2)
                let started = try #require(clock["started_at"]?.stringValue.flatMap(RFC3339.parse))
                #expect(started == time.start)

                // Each second of the drill, what falls due then is recorded, stamped with its time.
                let expected: [(after: Double, types: [String])] = [
                    (1, ["sla_warning"]), (2, ["sla_breached", "escalated", "assigned"]),
                    (3, ["escalated", "updated"]),
                ]
                var history = try await api.send(.get, "/v1/tasks/\(id)/events").lines
                #expect(history.strings("type") == ["created", "sla_started"])
                for step in expected {
                    await running.advance(by: .seconds(1))
                    let seen = history.count
                    history = try await running.until({ try await api.send(.get, "/v1/tasks/\(id)/events").lines }) {
                        $0.count >= seen + step.types.count
                    }
                    let new = Array(history[seen...])
                    #expect(new.strings("type") == step.types, "after \(step.after) s")
                    let times = new.compactMap { $0["at"]?.stringValue.flatMap(RFC3339.parse) }
                    #expect(times.allSatisfy { $0 == started.addingTimeInterval(step.after) }, "\(new)")
                }
                // The breach is recorded when it fell due: two seconds of 24x7 time after the start.
                let breach = try #require(history.first { $0["type"] == "sla_breached" })
                let breachedAt = try #require(breach["data"]?["breached_at"]?.stringValue.flatMap(RFC3339.parse))
                #expect(breachedAt == started.addingTimeInterval(2))
                let task = try await api.send(.get, "/v1/tasks/\(id)").object
                #expect(task["team"] == "support-l2")
                #expect(task["priority"] == "p2")
                let shown = try #require(task["sla"]?.arrayValue?.first)
                #expect(shown["state"] == "breached")
                #expect(shown["escalation_level"] == 2)
                #expect(shown["remaining_s"] == -1, "a second past the target")
                let finished = try await api.move(id, "finish")
                #expect(finished.object["sla"]?.arrayValue?.first?["state"] == "breached")
                #expect(finished.object["sla"]?.arrayValue?.first?["stopped_at"] != nil)

                // The escalation moved the task to support-l2: each event stays with the teams the
                // task had when it happened, and the move belongs to both. support keeps watching
                // the task, so it goes on seeing what happens to it; support-l2 sees from the move,
                // and the level that made it (its `escalated` event, so that a `notify:` of the
                // level reaches support-l2's subscriptions).
                let support = try await api.send(.get, "/v1/events?task=\(id)&team=support").lines
                #expect(
                    support.strings("type") == [
                        "created", "sla_started", "sla_warning", "sla_breached", "escalated", "assigned",
                        "escalated", "updated", "transitioned", "sla_stopped",
                    ])
                let level2 = try await api.send(.get, "/v1/events?task=\(id)&team=support-l2").lines
                #expect(
                    level2.strings("type") == [
                        "escalated", "assigned", "escalated", "updated", "transitioned", "sla_stopped",
                    ])
            }
        }
    }
}

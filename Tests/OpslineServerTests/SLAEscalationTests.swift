import Foundation
import Logging
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// A clock of a few seconds on the 24x7 calendar warns, breaches and escalates twice, each at
/// its time, while the scheduler runs; the task line shows the clock throughout.
@Suite struct SLAEscalationTests {
    static let drill = SLADrill.workflow(named: "sla-drill", key: "DRL")

    @Test func aShortClockWarnsBreachesAndEscalatesAtItsTimes() async throws {
        let server = try await TestServer.make()
        try await server.database.workflows.publish(source: Self.drill, file: "sla-drill.yaml")
        let dueSignal = EventSignal(conninfo: server.pool.conninfo, channel: "opsline_due")
        let scheduler = DueWorkScheduler(runner: server.database.dueWork, signal: dueSignal, logger: Logger(label: "t"))
        let listening = Task { try await dueSignal.run() }
        let scheduling = Task { try await scheduler.run() }
        defer {
            scheduling.cancel()
            listening.cancel()
        }
        try await server.run { api in
            let created = try await api.send(
                .post, "/v1/tasks",
                body: #"{"workflow":"sla-drill","title":"Payment page down","priority":"p3"}"#)
            let id = try #require(created.object["id"]?.stringValue)
            let clock = try #require(created.object["sla"]?.arrayValue?.first)
            #expect(clock["state"] == "running")
            #expect(clock["target_s"] == 2)
            let started = try #require(clock["started_at"]?.stringValue.flatMap(RFC3339.parse))

            var history: [JSONValue] = []
            for _ in 0..<150 {
                history = try await api.send(.get, "/v1/tasks/\(id)/events").lines
                if history.contains(where: { $0["data"]?["escalation_level"] == 2 }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let types = history.compactMap { $0["type"]?.stringValue }
            #expect(
                types == [
                    "created", "sla_started", "sla_warning", "sla_breached", "escalated", "assigned", "escalated",
                    "updated",
                ])
            // The breach is recorded when it fell due: two seconds of 24x7 time after the start.
            let breach = try #require(history.first { $0["type"] == "sla_breached" })
            let breachedAt = try #require(breach["data"]?["breached_at"]?.stringValue.flatMap(RFC3339.parse))
            #expect(abs(breachedAt.timeIntervalSince(started) - 2) < 0.002)
            // Nothing fires early.
            for (type, offset) in [("sla_warning", 1.0), ("sla_breached", 2.0)] {
                let at = try #require(history.first { $0["type"]?.stringValue == type }?["at"]?.stringValue)
                #expect(try #require(RFC3339.parse(at)).timeIntervalSince(started) >= offset - 0.001, "\(type)")
            }
            let task = try await api.send(.get, "/v1/tasks/\(id)").object
            #expect(task["team"] == "support-l2")
            #expect(task["priority"] == "p2")
            let shown = try #require(task["sla"]?.arrayValue?.first)
            #expect(shown["state"] == "breached")
            #expect(shown["escalation_level"] == 2)
            #expect((shown["remaining_s"]?.intValue ?? 0) < 0)
            let finished = try await api.move(id, "finish")
            #expect(finished.object["sla"]?.arrayValue?.first?["state"] == "breached")
            #expect(finished.object["sla"]?.arrayValue?.first?["stopped_at"] != nil)
        }
    }
}

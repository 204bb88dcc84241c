import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
@testable import Workflow

@testable import OpslineServer

/// A deadline after 9999-12-31 is never stored or shown as some other date: a command that would
/// give an SLA clock one is refused with `422 validation_failed` naming the policy, and the
/// calendar endpoint answers `400` naming `duration`.
@Suite struct SLADeadlineRangeTests {
    /// One working minute a week: ten years of working time take some hundred thousand years.
    static let calendars = """
        one-minute:
          timezone: UTC
          hours: {sun: "00:00-00:01"}
        """

    /// `p1` clocks fall due within the century, `p3` ones after the year 9999.
    static let workflow = """
        workflow: slow
        key: SLW
        team: support
        calendar: one-minute
        fields:
          severity: {type: enum, values: [p1, p3], default: p1}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          resolution: {start: created, stop: {enter: [done]}, target: {by: severity, p1: 1h, p3: 3650d}}
        """

    /// Breaches after a working minute, and would escalate ten years of working time later.
    static let drawnOut = """
        workflow: drawn-out
        key: DRW
        team: support
        calendar: one-minute
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          resolution:
            start: created
            stop: {enter: [done]}
            target: 1m
            escalate: [{after: 3650d, priority: raise}]
        """

    /// A server whose calendar lost its hours after `slow` and `drawn-out` were published: the
    /// documents are stored as they were, without the check that would refuse them now.
    private func server(time: TestTime? = nil) async throws -> TestServer {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let book = CalendarBook(try CalendarParser.parse(Self.calendars, file: "calendars.yaml"))
        let database = try OpslineDatabase(pool: pool, calendars: book, clock: time?.clock ?? .system)
        try await database.prepare()
        _ = try await database.workflows.publish(source: Self.workflow, file: "slow.yaml")
        _ = try await database.workflows.publish(source: Self.drawnOut, file: "drawn-out.yaml")
        try await database.tokens.ensure(secret: TokenSecret(TestServer.adminSecret), name: "admin", role: .admin)
        return TestServer(database: database, pool: pool)
    }

    @Test func aTaskWhoseClockWouldFallDueAfter9999IsRefusedAndNotCreated() async throws {
        try await server().run { api in
            let quick = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"slow","title":"quick"}"#)
            #expect(quick.status == .created, "\(quick.text)")
            let slow = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"slow","title":"slow","fields":{"severity":"p3"}}"#)
            #expect(slow.status == .unprocessableContent, "\(slow.text)")
            #expect(slow.errorCode == "validation_failed")
            #expect(slow.object["error"]?["policy"] == "resolution")
            #expect(slow.object["error"]?["message"]?.stringValue?.contains("after 9999-12-31T23:59:59.999Z") == true)
            let list = try await api.send(.get, "/v1/tasks?workflow=slow")
            #expect(list.lines.count == 1, "\(list.text)")
        }
    }

    @Test func aChangeThatWouldMoveADeadlinePast9999IsRefusedAndTheTaskKeepsItsClock() async throws {
        try await server().run { api in
            let created = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"slow","title":"quick"}"#)
            let id = try #require(created.object["id"]?.stringValue)
            let before = created.object["sla"]
            let raised = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"severity":"p3"}}"#)
            #expect(raised.status == .unprocessableContent, "\(raised.text)")
            #expect(raised.errorCode == "validation_failed")
            let task = try await api.send(.get, "/v1/tasks/\(id)").object
            #expect(task["fields"]?["severity"] == "p1")
            #expect(task["version"] == 1)
            #expect(task["sla"] == before)
            #expect(before?.arrayValue?.first?["due_at"]?.stringValue?.hasPrefix("20") == true, "\(created.text)")
        }
    }

    @Test func theCalendarEndpointAnswers400ForADeadlineAfter9999() async throws {
        try await server().run { api in
            let reply = try await api.send(.get, "/v1/calendars/one-minute/due?from=2026-11-20&duration=3650d")
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.object["error"]?["parameter"] == "duration")
            #expect(reply.object["error"]?["message"]?.stringValue?.contains("after 9999-12-31") == true)
            let month = try await api.send(.get, "/v1/calendars/one-minute/due?from=2026-11-20&duration=30d")
            #expect(month.status == .ok, "\(month.text)")
            #expect(month.object["due_at"]?.stringValue?.hasPrefix("28") == true, "\(month.text)")
        }
    }

    @Test func theSchedulerBreachesAClockWhoseNextStepWouldFallAfter9999AndSchedulesNothingMore() async throws {
        let time = TestTime()
        let server = try await server(time: time)
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                let created = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"drawn-out","title":"t"}"#)
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.object["id"]?.stringValue)
                // The working minute is on the next Sunday at the latest.
                await running.advance(by: .seconds(8 * 86_400))
                let history = try await running.until({ try await api.send(.get, "/v1/tasks/\(id)/events").lines }) {
                    $0.strings("type").contains("sla_breached")
                }
                #expect(history.strings("type") == ["created", "sla_started", "sla_breached"])
                let clock = try #require(try await api.send(.get, "/v1/tasks/\(id)").object["sla"]?.arrayValue?.first)
                #expect(clock["state"] == "breached")
                #expect(clock["escalation_level"] == 0)
            }
        }
    }
}

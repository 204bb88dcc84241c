import Foundation
import Postgres
import TestSupport
import Testing

@testable import OpslineStore
@testable import Workflow

/// `GET /v1/reports/workload`: per person, open tasks, at risk, breached, the oldest, assigned
/// and closed in 7 days; per team, the unassigned queue. Time moves on the test's clock.
@Suite struct WorkloadReportTests {
    @Test func aSeededTeamsFiguresFollowTheClock() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        let member = try await server.mintPerson(.member, teams: ["support"], name: "carol")
        try await RunningScheduler.with(server.database, time: time) { running in
            try await server.run { api in
                // Ten days ago: bob's task, long since breached.
                let old = try await api.createQueueTask(
                    "old", fields: #"{"severity":"p3"}"#, extra: #","assignee":"bob""#)
                await running.advance(by: .seconds(10 * 86_400))
                _ = try await running.value {
                    try await api.task(old)["sla"]?.arrayValue?.first?["state"] == "breached" ? true : nil
                }
                // Today.
                let now = time.now
                _ = try await api.createQueueTask("a1", fields: #"{"severity":"p1"}"#, extra: #","assignee":"alice""#)
                _ = try await api.createQueueTask("a2", fields: #"{"severity":"p3"}"#, extra: #","assignee":"alice""#)
                let done = try await api.createQueueTask(
                    "a3", fields: #"{"severity":"p2"}"#, extra: #","assignee":"alice""#)
                try await api.moveOK(done, "finish")
                let handed = try await api.createQueueTask("b1", fields: #"{"severity":"p3"}"#)
                #expect(try await api.send(.patch, "/v1/tasks/\(handed)", body: #"{"assignee":"bob"}"#).status == .ok)
                _ = try await api.createQueueTask("u1")
                _ = try await api.createQueueTask("u2")
                _ = try await api.createQueueTask("u3", extra: #","team":"billing""#)

                let report = try await api.send(.get, "/v1/reports/workload")
                #expect(report.status == .ok)
                #expect(
                    report.lines == [
                        ["team": "billing", "unassigned": 1],
                        Self.person(
                            "alice", open: 2, atRisk: 2, breached: 0, oldest: now, assigned: 3, closed: 1),
                        Self.person(
                            "bob", open: 2, atRisk: 1, breached: 1, oldest: time.start, assigned: 1, closed: 0),
                        Self.idle("carol"),
                        ["team": "support", "unassigned": 2],
                    ], "\(report.text)")

                // A narrower window: only alice's p1 task is due within 2 hours.
                let soon = try await api.send(.get, "/v1/reports/workload?team=support&within=2h").lines
                #expect(soon.map { $0["at_risk"] } == [1, 0, 0, nil])
                // A member sees its own teams only, each with its queue line.
                let mine = try await api.send(.get, "/v1/reports/workload", token: member).lines
                #expect(mine.map { $0["team"] } == ["support", "support", "support", "support"])

                // Eight days on: every open task has breached, and nothing happened this week.
                await running.advance(by: .seconds(8 * 86_400))
                _ = try await running.value {
                    let breached = try await api.send(.get, "/v1/tasks?workflow=queue-check&open=true&breached=false")
                    return breached.lines.isEmpty ? true : nil
                }
                let later = try await api.send(.get, "/v1/reports/workload?team=support").lines
                #expect(
                    later == [
                        Self.person(
                            "alice", open: 2, atRisk: 0, breached: 2, oldest: now, assigned: 0, closed: 0),
                        Self.person(
                            "bob", open: 2, atRisk: 0, breached: 2, oldest: time.start, assigned: 0, closed: 0),
                        Self.idle("carol"),
                        ["team": "support", "unassigned": 2],
                    ])
            }
        }
    }

    /// Nothing to hold: each team's active managers and members still have a line (zeros: who
    /// can take more), its viewers and disabled users none, and each of the caller's teams a queue.
    @Test func aTeamWithNothingShowsItsIdlePeopleAndAnEmptyQueueAndBadParametersAreNamed() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            #expect(try await api.send(.get, "/v1/reports/workload").lines.isEmpty)
            let member = try await server.mintPerson(.member, teams: ["support", "billing"], name: "dora")
            try await server.addUser("vic", ["support": .viewer])
            try await server.addUser("dan", ["support": .manager])
            _ = try await server.database.people.setDisabled("dan", true)
            let everyone = try await api.send(.get, "/v1/reports/workload").lines
            #expect(
                everyone == [
                    Self.idle("dora", team: "billing"), ["team": "billing", "unassigned": 0], Self.idle("dora"),
                    ["team": "support", "unassigned": 0],
                ], "\(everyone)")
            let empty = try await api.send(.get, "/v1/reports/workload", token: member).lines
            #expect(empty == everyone)
            #expect(try await api.badParameter("/v1/reports/workload?within=soon") == "within")
            #expect(try await api.badParameter("/v1/reports/workload?teams=support") == "teams")
        }
    }

    /// `created` events written before assignment rules (#13) do not name the assignee the task
    /// was created with; migration 0019 writes it into them (the `from` of the task's first
    /// change of assignee, else the assignee it has now), and the report then counts exactly as
    /// it does for tasks created today.
    @Test func createdEventsFromBeforeAssignmentRulesGetTheAssigneeTheTaskWasCreatedWith() async throws {
        let server = try await TaskQueueFixture.server(time: TestTime())
        try await server.run { api in
            let reassigned = try await api.createQueueTask("a", extra: #","assignee":"alice""#)
            #expect(try await api.send(.patch, "/v1/tasks/\(reassigned)", body: #"{"assignee":"bob"}"#).status == .ok)
            _ = try await api.createQueueTask("b", extra: #","assignee":"bob""#)
            let pickedUp = try await api.createQueueTask("c")
            #expect(try await api.send(.patch, "/v1/tasks/\(pickedUp)", body: #"{"assignee":"alice"}"#).status == .ok)
            _ = try await api.createQueueTask("d")
            let today = try await api.send(.get, "/v1/reports/workload?team=support").lines
            #expect(today.compactMap { $0["assigned_7d"] } == [2, 2], "\(today)")

            let before = try await Self.createdAssignees(server)
            #expect(before.values.sorted() == ["", "", "alice", "bob"], "\(before)")
            try await Self.runOnEvents(server, "UPDATE events SET data = data - 'assignee' WHERE type = 'created'")
            let migration = try #require(try Migration.bundled().first { $0.version == 19 })
            try await Self.runOnEvents(server, migration.sql)
            #expect(try await Self.createdAssignees(server) == before)
            #expect(try await api.send(.get, "/v1/reports/workload?team=support").lines == today)
        }
    }

    /// Each task's `created` event's `assignee`, "" where it names none.
    private static func createdAssignees(_ server: TestServer) async throws -> [String: String] {
        try await server.pool.withConnection { connection in
            let rows = try await connection.query(
                "SELECT task_id, coalesce(data ->> 'assignee', '') AS assignee FROM events WHERE type = 'created'", [])
            return try Dictionary(
                uniqueKeysWithValues: rows.rows.map { (try $0.decode("task_id"), try $0.decode("assignee")) })
        }
    }

    private static func runOnEvents(_ server: TestServer, _ sql: String) async throws {
        try await server.pool.withConnection { connection in try await connection.execute(sql) }
    }

    /// The line of a person who holds nothing.
    static func idle(_ user: String, team: String = "support") -> JSONValue {
        [
            "user": .string(user), "team": .string(team), "open": 0, "at_risk": 0, "breached": 0,
            "oldest_open_at": .null, "assigned_7d": 0, "closed_7d": 0,
        ]
    }

    /// A person's line as the report writes it.
    static func person(
        _ user: String, open: Int, atRisk: Int, breached: Int, oldest: Date, assigned: Int, closed: Int
    ) -> JSONValue {
        [
            "user": .string(user), "team": "support", "open": .int(Int64(open)), "at_risk": .int(Int64(atRisk)),
            "breached": .int(Int64(breached)), "oldest_open_at": .string(RFC3339.format(oldest)),
            "assigned_7d": .int(Int64(assigned)), "closed_7d": .int(Int64(closed)),
        ]
    }
}

import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// Schedules (`schedules:`) create their tasks when an occurrence falls due, exactly once across
/// replicas, and plan the next one. Time is the test's: it starts on Wednesday 2026-12-02 10:00
/// UTC and moves by `time.advance`.
@Suite struct ScheduleRunnerTests {
    let time = TestTime(start: RFC3339.parse("2026-12-02T10:00:00Z")!)

    static func source(every: String = "monday 09:00", extra: String = "") -> String {
        """
        workflow: scans
        key: SCN
        team: marketing
        fields:
          channel: {type: enum, values: [web, stores], default: stores}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        schedules:
          weekly-scan:
            every: \(every)
            title: "Competitor scan {date}"
            team: research
            fields: {channel: web}
        \(extra)
        """
    }

    func prepared(source: String = Self.source(), conninfo: String? = nil) async throws -> OpslineDatabase {
        var database = conninfo
        if database == nil { database = try await TestCluster.shared.makeDatabase() }
        let pool = PostgresPool(conninfo: database!, maximumConnections: 4)
        let store = try OpslineDatabase(pool: pool, clock: time.clock)
        try await store.prepare()
        try await store.workflows.publish(source: source, file: "scans.yaml")
        return store
    }

    func tasks(_ database: OpslineDatabase) async throws -> [TaskRecord] {
        var filter = TaskFilter(scope: .allTeams)
        filter.workflow = "scans"
        return try await Array(database.tasks.list(filter)).sorted { $0.createdAt < $1.createdAt }
    }

    func next(_ database: OpslineDatabase) async throws -> Date? {
        try await database.workflows.schedules().first?.next
    }

    @Test func publishingPlansTheNextOccurrenceAndNothingIsCreatedBeforeIt() async throws {
        let database = try await prepared()
        #expect(try await next(database) == RFC3339.parse("2026-12-07T09:00:00Z"))
        #expect(try await database.dueWork.secondsUntilNextDue() == 4 * 86_400 + 23 * 3600)
        await time.advance(by: .seconds(4 * 86_400 + 22 * 3600))
        #expect(try await database.dueWork.runDue() == 0)
        #expect(try await tasks(database).isEmpty)
        await database.pool.close()
    }

    @Test func anOccurrenceCreatesItsTaskOnceAndPlansTheNextWeek() async throws {
        let database = try await prepared()
        await time.advance(by: .seconds(4 * 86_400 + 23 * 3600))
        #expect(try await database.dueWork.runDue() == 1)
        let created = try await tasks(database)
        #expect(created.map(\.title) == ["Competitor scan 2026-12-07"])
        #expect(created.first?.team == "research")
        #expect(created.first?.fields["channel"] == "web")
        let events = try await Array(database.tasks.events(ofTask: created[0].id))
        #expect(events.first?.actor == DueWorkRunner.actor)
        #expect(events.first?.data["schedule"] == "weekly-scan")
        #expect(events.first?.data["occurrence"] == "2026-12-07T09:00:00.000Z")
        #expect(try await next(database) == RFC3339.parse("2026-12-14T09:00:00Z"))
        #expect(try await database.dueWork.runDue() == 0)
        #expect(try await tasks(database).count == 1)
        await database.pool.close()
    }

    @Test func replicasRunningAtOnceCreateEachOccurrenceOnce() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let replicas = [try await prepared(conninfo: conninfo), try await prepared(conninfo: conninfo)]
        for week in 0..<3 {
            await time.advance(by: .seconds(week == 0 ? 4 * 86_400 + 23 * 3600 : 7 * 86_400))
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for replica in replicas + replicas { group.addTask { try await replica.dueWork.runDue() } }
                return try await group.reduce(0, +)
            }
            #expect(applied == 1)
        }
        #expect(
            try await tasks(replicas[0]).map(\.title) == [
                "Competitor scan 2026-12-07", "Competitor scan 2026-12-14", "Competitor scan 2026-12-21",
            ])
        for replica in replicas { await replica.pool.close() }
    }

    @Test func republishingKeepsThePlanAndRetimingReplacesIt() async throws {
        let database = try await prepared()
        // A restart publishes the same file: the occurrence planned stays planned, once.
        await time.advance(by: .seconds(86_400))
        try await database.workflows.publish(source: Self.source(), file: "scans.yaml")
        try await database.workflows.publish(source: Self.source(extra: "  # a new version"), file: "scans.yaml")
        #expect(try await next(database) == RFC3339.parse("2026-12-07T09:00:00Z"))
        // Another timing plans afresh from now (Thursday 10:00): Friday 08:00.
        try await database.workflows.publish(source: Self.source(every: "friday 08:00"), file: "scans.yaml")
        #expect(try await next(database) == RFC3339.parse("2026-12-04T08:00:00Z"))
        await time.advance(by: .seconds(4 * 86_400))
        #expect(try await database.dueWork.runDue() == 1)
        #expect(try await tasks(database).map(\.title) == ["Competitor scan 2026-12-04"])
        // Without the schedule, nothing is planned and nothing more is created.
        let without = Self.source().components(separatedBy: "schedules:")[0]
        try await database.workflows.publish(source: without, file: "scans.yaml")
        #expect(try await database.dueWork.secondsUntilNextDue() == nil)
        #expect(try await database.workflows.schedules().isEmpty)
        await database.pool.close()
    }

    @Test func anOccurrenceClaimedLateCreatesOneTaskAndPlansFromNow() async throws {
        let database = try await prepared()
        // Every replica was down for three weeks, and starting publishes the workflow again: the
        // occurrence missed is still the one planned, not replaced by one from now.
        await time.advance(by: .seconds(21 * 86_400))
        try await database.workflows.publish(source: Self.source(), file: "scans.yaml")
        #expect(try await next(database) == RFC3339.parse("2026-12-07T09:00:00Z"))
        await time.advance(by: .seconds(7 * 86_400))
        #expect(try await database.dueWork.runDue() == 1)
        #expect(try await tasks(database).map(\.title) == ["Competitor scan 2026-12-07"])
        #expect(try await next(database) == RFC3339.parse("2027-01-04T09:00:00Z"))
        await database.pool.close()
    }
}

import Foundation
import Logging
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

@testable import OpslineServer

@Suite struct DueWorkSchedulerTests {
    static let source = """
        workflow: reminder
        key: REM
        team: ops
        states:
          pending: {initial: true}
          reminded: {final: true}
        transitions:
          remind: {from: pending, to: reminded}
        timers:
          - {in: pending, after: 1s, fire: remind}
        """

    /// Idle, the scheduler sleeps 10 minutes; a NOTIFY from the creating transaction wakes it,
    /// and it then sleeps until the timer is due: a second of the test's time later.
    @Test func aNewTimerWakesTheSchedulerWhichFiresItWhenDue() async throws {
        let time = TestTime()
        let database = try await Self.prepared(time: time, connections: 4)
        try await RunningScheduler.with(database, time: time, configure: { $0.idleCheck = .seconds(600) }) { running in
            let task = try await database.tasks.create(
                NewTask(workflow: "reminder", title: "ping"), caller: .system(), authorize: .system)
            await running.advance(by: .seconds(1))
            let state = try await running.value {
                let state = try await database.tasks.task(task.id).state
                return state == "pending" ? nil : state
            }
            #expect(state == "reminded")
            let fired = try await Array(database.tasks.events(ofTask: task.id)).last
            #expect(fired?.at == time.start.addingTimeInterval(1), "fired at its time, not when the test looked")
        }
        await database.pool.close()
    }

    /// A backlog many batches deep is worked off in rounds of parallel transactions with
    /// growing batches, and every timer still fires exactly once.
    @Test func aBacklogIsWorkedOffInParallelLanesFiringEachTimerOnce() async throws {
        let time = TestTime()
        let database = try await Self.prepared(time: time, connections: 8)
        var created: [TaskRecord] = []
        for index in 0..<400 {
            created.append(
                try await database.tasks.create(
                    NewTask(workflow: "reminder", title: "ping \(index)"), caller: .system(), authorize: .system))
        }
        await time.advance(by: .seconds(1))
        try await RunningScheduler.with(
            database, time: time,
            configure: {
                $0.batchSize = 10
                $0.maximumBatchSize = 80
                $0.lanes = 3
                $0.idleCheck = .seconds(600)
            }
        ) { running in
            _ = try await running.value { try await database.dueWork.secondsUntilNextDue() == nil ? true : nil }
        }
        var filter = EventFilter(scope: .allTeams)
        filter.type = "transitioned"
        let fired = try await database.events.events(after: 0, filter: filter, limit: 1000).map(\.taskID)
        #expect(fired.count == created.count)
        #expect(Set(fired) == Set(created.map(\.id)))
        await database.pool.close()
    }

    static func prepared(time: TestTime, connections: Int) async throws -> OpslineDatabase {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let database = try OpslineDatabase(
            pool: PostgresPool(conninfo: conninfo, maximumConnections: connections), clock: time.clock)
        try await database.prepare()
        try await database.workflows.publish(source: source, file: "reminder.yaml")
        return database
    }
}

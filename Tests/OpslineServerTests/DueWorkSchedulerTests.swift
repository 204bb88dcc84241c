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

    /// The scheduler sleeps long when idle; a NOTIFY from the creating transaction wakes it, and
    /// it then sleeps exactly until the timer is due.
    @Test func aNewTimerWakesTheSchedulerWhichFiresItWhenDue() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let database = try OpslineDatabase(pool: PostgresPool(conninfo: conninfo, maximumConnections: 4))
        try await database.prepare()
        try await database.workflows.publish(source: Self.source, file: "reminder.yaml")
        let signal = EventSignal(conninfo: conninfo, channel: "opsline_due")
        let scheduler = DueWorkScheduler(
            runner: database.dueWork, signal: signal, logger: Logger(label: "test"), idleCheck: .seconds(600))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await signal.run() }
            group.addTask { try await scheduler.run() }
            // Let the listener connect and the scheduler go to sleep with nothing due.
            try await Task.sleep(for: .milliseconds(500))
            let task = try await database.tasks.create(NewTask(workflow: "reminder", title: "ping"), caller: .system())
            var state = task.state
            for _ in 0..<200 where state == "pending" {
                try await Task.sleep(for: .milliseconds(100))
                state = try await database.tasks.task(task.id).state
            }
            #expect(state == "reminded")
            group.cancelAll()
        }
        await database.pool.close()
    }

    /// A backlog many batches deep is worked off in rounds of parallel transactions with
    /// growing batches, and every timer still fires exactly once.
    @Test func aBacklogIsWorkedOffInParallelLanesFiringEachTimerOnce() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let database = try OpslineDatabase(pool: PostgresPool(conninfo: conninfo, maximumConnections: 8))
        try await database.prepare()
        try await database.workflows.publish(source: Self.source, file: "reminder.yaml")
        var created: [TaskRecord] = []
        for index in 0..<400 {
            created.append(
                try await database.tasks.create(
                    NewTask(workflow: "reminder", title: "ping \(index)"), caller: .system()))
        }
        // The last timer falls due one second after the last task was created.
        try await Task.sleep(for: .milliseconds(1100))
        let signal = EventSignal(conninfo: conninfo, channel: "opsline_due")
        let scheduler = DueWorkScheduler(
            runner: database.dueWork, signal: signal, logger: Logger(label: "test"), batchSize: 10,
            maximumBatchSize: 80, lanes: 3, idleCheck: .seconds(600))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await signal.run() }
            group.addTask { try await scheduler.run() }
            for _ in 0..<300 where try await database.dueWork.secondsUntilNextDue() != nil {
                try await Task.sleep(for: .milliseconds(100))
            }
            group.cancelAll()
        }
        #expect(try await database.dueWork.secondsUntilNextDue() == nil)
        var filter = EventFilter()
        filter.type = "transitioned"
        let fired = try await database.events.events(after: 0, filter: filter, limit: 1000).map(\.taskID)
        #expect(fired.count == created.count)
        #expect(Set(fired) == Set(created.map(\.id)))
        await database.pool.close()
    }
}

import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

/// Workflow timers are stored when a task enters their state and fired by the scheduler's
/// runner once due, exactly once, whichever replica claims them. Time is the test's: it moves
/// forward by `time.advance`, never by waiting.
@Suite struct DueWorkRunnerTests {
    let time = TestTime()

    static let source = """
        workflow: follow-up
        key: FUP
        team: support
        fields:
          reply: {type: string}
        states:
          waiting: {initial: true}
          answered: {}
          parked: {}
          expired: {final: true}
        transitions:
          answer: {from: waiting, to: answered}
          expire: {from: waiting, to: expired}
          close: {from: answered, to: expired, when: "reply is not null"}
          escalate: {from: waiting, to: parked}
          unpark: {from: parked, to: waiting}
        timers:
          - {in: waiting, after: 1s, fire: expire}
          - {in: answered, after: 1s, fire: close}
          - {in: parked, after: 1h, fire: unpark}
        """

    func prepared() async throws -> OpslineDatabase {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 8)
        let database = try OpslineDatabase(pool: pool, clock: time.clock)
        try await database.prepare()
        try await database.workflows.publish(source: Self.source, file: "follow-up.yaml")
        return database
    }

    func create(_ database: OpslineDatabase, _ title: String) async throws -> TaskRecord {
        try await database.tasks.create(
            NewTask(workflow: "follow-up", title: title), caller: .system(), authorize: .system)
    }

    /// Moves time to when the next row is due.
    func advanceUntilDue(_ database: OpslineDatabase) async throws {
        let seconds = try #require(try await database.dueWork.secondsUntilNextDue())
        await time.advance(by: .milliseconds(Int64((seconds * 1000).rounded(.up))))
        #expect(try await database.dueWork.secondsUntilNextDue() ?? 1 <= 0)
    }

    @Test func aTimerWaitsForItsTime() async throws {
        let database = try await prepared()
        let task = try await create(database, "parked for an hour")
        _ = try await database.tasks.transition(
            TransitionRequest(taskID: task.id, transition: "escalate"), caller: .system(), authorize: .system)
        let wait = try #require(try await database.dueWork.secondsUntilNextDue())
        #expect(wait == 3600)
        #expect(try await database.dueWork.runDue() == 0)
        #expect(try await database.tasks.task(task.id).state == "parked")
        await database.pool.close()
    }

    @Test func aTimerFiresItsTransitionOnceItIsDue() async throws {
        let database = try await prepared()
        let task = try await create(database, "no answer")
        try await advanceUntilDue(database)
        #expect(try await database.dueWork.runDue() == 1)
        let events = try await Array(database.tasks.events(ofTask: task.id))
        #expect(events.map(\.type) == ["created", "transitioned"])
        #expect(events.last?.actor == DueWorkRunner.actor)
        #expect(events.last?.data["transition"] == "expire")
        #expect(try await database.tasks.task(task.id).state == "expired")
        #expect(try await database.dueWork.secondsUntilNextDue() == nil)
        await database.pool.close()
    }

    @Test func leavingTheStateCancelsItsTimer() async throws {
        let database = try await prepared()
        let task = try await create(database, "answered in time")
        var answer = TransitionRequest(taskID: task.id, transition: "answer")
        answer.fields = ["reply": "thanks"]
        _ = try await database.tasks.transition(answer, caller: .system(), authorize: .system)
        try await advanceUntilDue(database)
        // Only the `answered` state's timer is left, and it closes the task.
        #expect(try await database.dueWork.runDue() == 1)
        let events = try await Array(database.tasks.events(ofTask: task.id))
        #expect(events.compactMap { $0.data["transition"]?.stringValue } == ["answer", "close"])
        await database.pool.close()
    }

    @Test func aRefusedTimerIsRecordedAndDoesNotStopTheBatch() async throws {
        let database = try await prepared()
        let refused = try await create(database, "answered without reply")
        _ = try await database.tasks.transition(
            TransitionRequest(taskID: refused.id, transition: "answer"), caller: .system(), authorize: .system)
        let fine = try await create(database, "never answered")
        // Both timers are due one second after the creations.
        await time.advance(by: .milliseconds(999))
        #expect(try await database.dueWork.runDue() == 0)
        await time.advance(by: .milliseconds(1))
        #expect(try await database.dueWork.runDue() == 2)
        let events = try await Array(database.tasks.events(ofTask: refused.id))
        #expect(events.last?.type == "timer_failed")
        #expect(events.last?.data["reason"]?.stringValue?.contains("reply is not null") == true)
        #expect(try await database.tasks.task(refused.id).state == "answered")
        #expect(try await database.tasks.task(fine.id).state == "expired")
        #expect(try await database.dueWork.secondsUntilNextDue() == nil)
        await database.pool.close()
    }

    /// A task a command holds (its row locked) keeps its due rows for a later look: the claim
    /// skips them, without waiting, and takes the other tasks' rows; once the command is done,
    /// the next claim fires them.
    @Test func aTaskACommandHoldsKeepsItsRowsForTheNextLook() async throws {
        let database = try await prepared()
        let held = try await create(database, "held by a command")
        let free = try await create(database, "free")
        try await advanceUntilDue(database)
        try await database.pool.withConnection { connection in
            try await connection.inTransaction { connection in
                try await connection.query("SELECT id FROM tasks WHERE id = $1 FOR UPDATE", [held.id])
                #expect(try await database.dueWork.runDue() == 1)
                #expect(try await database.dueWork.runDue() == 0)
            }
        }
        #expect(try await database.tasks.task(free.id).state == "expired")
        #expect(try await database.tasks.task(held.id).state == "waiting")
        #expect(try await database.dueWork.secondsUntilNextDue() ?? 1 <= 0)
        #expect(try await database.dueWork.runDue() == 1)
        #expect(try await database.tasks.task(held.id).state == "expired")
        #expect(try await database.dueWork.secondsUntilNextDue() == nil)
        await database.pool.close()
    }

    /// A row of a kind this build does not know (a newer replica wrote it) is skipped, and the
    /// row beside it is applied.
    @Test func aRowOfAnUnknownKindIsSkipped() async throws {
        let database = try await prepared()
        let task = try await create(database, "beside a newer kind of work")
        try await database.pool.withConnection { connection in
            try await connection.execute("ALTER TABLE due_work DROP CONSTRAINT due_work_kind_check")
            try await connection.query(
                """
                INSERT INTO due_work (kind, task_id, due_at, payload)
                SELECT 'newer', task_id, due_at, '{"fire": "escalate"}' FROM due_work WHERE task_id = $1
                """, [task.id])
        }
        try await advanceUntilDue(database)
        #expect(try await database.dueWork.runDue() == 2)
        let events = try await Array(database.tasks.events(ofTask: task.id))
        #expect(events.compactMap { $0.data["transition"]?.stringValue } == ["expire"])
        #expect(try await database.dueWork.secondsUntilNextDue() == nil)
        await database.pool.close()
    }

    static let clocked = """
        workflow: clocked
        key: CLK
        team: support
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response: {start: created, stop: {enter: [done]}, target: 1s}
        """

    static let doublyClocked = """
        workflow: doubly-clocked
        key: DBL
        team: support
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response: {start: created, stop: {enter: [done]}, target: 1s}
          resolution: {start: created, stop: {enter: [done]}, target: 1s}
        """

    /// One batch holds many tasks' breaches, stepped together, and tasks with two breaches due,
    /// stepped one after the other: every clock breaches once, and nothing is left waiting.
    @Test func oneBatchBreachesEveryDueClockOnce() async throws {
        let database = try await prepared()
        try await database.workflows.publish(source: Self.clocked, file: "clocked.yaml")
        try await database.workflows.publish(source: Self.doublyClocked, file: "doubly-clocked.yaml")
        var single: [String] = []
        var double: [String] = []
        for index in 0..<40 {
            single.append(
                try await database.tasks.create(
                    NewTask(workflow: "clocked", title: "s\(index)"), caller: .system(), authorize: .system
                ).id)
            double.append(
                try await database.tasks.create(
                    NewTask(workflow: "doubly-clocked", title: "d\(index)"), caller: .system(), authorize: .system
                ).id)
        }
        // Every breach falls due one second after the creations.
        await time.advance(by: .seconds(1))
        #expect(try await database.dueWork.runDue(limit: 1000) == 120)
        for id in single {
            let events = try await Array(database.tasks.events(ofTask: id))
            #expect(events.map(\.type) == ["created", "sla_started", "sla_breached"], "\(id)")
            #expect(events.last?.actor == DueWorkRunner.actor)
        }
        for id in double {
            let events = try await Array(database.tasks.events(ofTask: id))
            let breached = events.filter { $0.type == "sla_breached" }.compactMap { $0.data["policy"]?.stringValue }
            #expect(breached.sorted() == ["resolution", "response"], "\(id)")
            let clocks = try await database.tasks.task(id).clocks
            #expect(clocks.map(\.policy) == ["resolution", "response"] && clocks.allSatisfy(\.isBreached), "\(id)")
        }
        #expect(try await database.dueWork.secondsUntilNextDue() == nil)
        await database.pool.close()
    }

    @Test func concurrentRunnersFireEveryTimerExactlyOnce() async throws {
        let database = try await prepared()
        var ids: [String] = []
        for index in 0..<300 { ids.append(try await create(database, "t\(index)").id) }
        // Every timer falls due one second after the creations.
        await time.advance(by: .seconds(1))
        // Three replicas' runners, claiming small batches at once.
        let claimed = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    var total = 0
                    while case let count = try await database.dueWork.runDue(limit: 10), count > 0 { total += count }
                    return total
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(claimed == 300)
        for id in ids {
            let events = try await Array(database.tasks.events(ofTask: id))
            #expect(events.filter { $0.type == "transitioned" }.count == 1, "\(id)")
        }
        await database.pool.close()
    }
}

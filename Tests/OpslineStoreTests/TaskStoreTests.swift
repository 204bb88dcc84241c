import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport
import Workflow

@Suite struct TaskStoreTests {
    func prepared() async throws -> OpslineDatabase {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 8)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        // A closed complaint spawns its routine follow-up call.
        try await database.workflows.publish(
            source: WorkflowCatalogTests.shipped("follow-up-call"), file: "follow-up-call.yaml")
        return database
    }

    @Test func concurrentCreatesGetDistinctSequentialIDs() async throws {
        let database = try await prepared()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<20 {
                group.addTask {
                    var command = NewTask(workflow: "complaint-escalation", title: "c\(index)")
                    command.fields = ["customer": "X"]
                    return try await database.tasks.create(command, caller: .system(), authorize: .system).id
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(ids) == Set((1...20).map { "CMP-\($0)" }))
        await database.pool.close()
    }

    @Test func concurrentMovesOfOneTaskApplyOneAtATime() async throws {
        let database = try await prepared()
        var command = NewTask(workflow: "complaint-escalation", title: "race")
        command.fields = ["customer": "X"]
        let task = try await database.tasks.create(command, caller: .system(), authorize: .system)
        // Both start from version 1; the row lock makes the second see version 2 and refuse.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var request = TransitionRequest(taskID: task.id, transition: "acknowledge")
                    request.expectedVersion = 1
                    return (try? await database.tasks.transition(request, caller: .system(), authorize: .system)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let events = try await Array(database.tasks.events(ofTask: task.id))
        #expect(events.map(\.type) == ["created", "sla_started", "sla_started", "transitioned", "sla_met"])
        await database.pool.close()
    }

    /// A transition answers with the task it wrote without reading the row back: the answer must
    /// be exactly what a later read finds, through field changes, a paused and resumed clock, and
    /// into a final state.
    @Test func aTransitionAnswersWithTheTaskAsStored() async throws {
        let database = try await prepared()
        var command = NewTask(workflow: "complaint-escalation", title: "as stored")
        command.fields = ["customer": "X", "severity": "p2"]
        let task = try await database.tasks.create(command, caller: .system(), authorize: .system)
        let moves: [(String, [String: JSONValue])] = [
            ("investigate", ["compensation": .double(12.5), "category": "refund"]),
            ("ask_customer", [:]),
            ("customer_replied", ["contact": "x@example.com"]),
            ("resolve", ["resolution": "refunded"]),
            ("close", ["satisfaction": .int(4)]),
        ]
        for (transition, fields) in moves {
            var request = TransitionRequest(taskID: task.id, transition: transition)
            request.fields = fields
            let answered = try await database.tasks.transition(request, caller: .system(), authorize: .system)
            let stored = try await database.tasks.task(task.id)
            #expect(Row(answered) == Row(stored), "after \(transition)")
        }
        let closed = try await database.tasks.task(task.id)
        #expect(closed.state == "closed")
        #expect(closed.version == 6)
        #expect(closed.closedAt == closed.updatedAt)
        await database.pool.close()
    }

    /// A batch line's writes go out with its `RELEASE SAVEPOINT`. When one of them fails, only
    /// that line is refused and rolled back; the lines around it commit.
    @Test func aBatchLineWhoseWriteFailsIsRolledBackAlone() async throws {
        let database = try await prepared()
        var ids: [String] = []
        for index in 1...3 {
            var command = NewTask(workflow: "complaint-escalation", title: "line \(index)")
            command.fields = ["customer": "X"]
            let task = try await database.tasks.create(command, caller: .system(), authorize: .system)
            _ = try await database.tasks.transition(
                TransitionRequest(taskID: task.id, transition: "investigate"), caller: .system(), authorize: .system)
            ids.append(task.id)
        }
        // Entering waiting_on_customer schedules a timer: refuse the middle task's.
        let refused = ids[1]
        try await database.pool.withConnection { connection in
            try await connection.execute(
                """
                CREATE FUNCTION refuse_timer() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.kind = 'timer' AND NEW.task_id = '\(refused)' THEN RAISE EXCEPTION 'no timer'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_timer BEFORE INSERT ON due_work FOR EACH ROW EXECUTE FUNCTION refuse_timer();
                """)
        }
        let result = try await database.tasks.applyBatch(
            ids.map {
                BatchCommand(
                    command: .transition(TransitionRequest(taskID: $0, transition: "ask_customer")),
                    idempotencyKey: nil, requestHash: $0)
            },
            atomic: false, caller: .system(), authorize: .system,
            render: OutcomeRenderer(
                taskLine: { .string($0.state) }, refusal: { CommandRefusal(code: "refused", error: .string("\($0)")) }))
        #expect(result.outcomes.map(\.succeeded) == [true, false, true])
        let states = try await ids.asyncMap { try await database.tasks.task($0) }.map { "\($0.state) v\($0.version)" }
        #expect(states == ["waiting_on_customer v3", "investigating v2", "waiting_on_customer v3"])
        let events = try await Array(database.tasks.events(ofTask: refused))
        #expect(events.filter { $0.type == "transitioned" }.count == 1, "only the move to investigating")
        await database.pool.close()
    }

    /// What the `tasks` row holds. Clock times are left out: kept in memory they carry digits
    /// below the microsecond that the stored copy rounds away.
    struct Row: Equatable {
        let state: String
        let fields: [String: JSONValue]
        let version: Int
        let updatedAt: Date
        let closedAt: Date?
        let clockStates: [String]

        init(_ task: TaskRecord) {
            (state, fields, version) = (task.state, task.fields, task.version)
            (updatedAt, closedAt) = (task.updatedAt, task.closedAt)
            clockStates = task.clocks.map { "\($0.policy) \($0.state)" }
        }
    }
}

extension Array {
    func asyncMap<Mapped>(_ transform: (Element) async throws -> Mapped) async rethrows -> [Mapped] {
        var mapped: [Mapped] = []
        for element in self { mapped.append(try await transform(element)) }
        return mapped
    }

    init<Source: AsyncSequence>(_ source: Source) async throws where Source.Element == Element {
        self = []
        for try await element in source { append(element) }
    }
}

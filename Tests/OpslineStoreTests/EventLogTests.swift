import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport
import Workflow

@testable import OpslineStore

@Suite struct EventLogTests {
    /// Writers whose transactions hold their events for different lengths of time before
    /// committing (some roll back), while a follower polls the log. The follower must see seqs
    /// strictly increasing and, at the end, exactly the committed events.
    @Test func aFollowerNeverSkipsOrRepeatsAnEventWhateverTheTransactionLengths() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 12)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        // One task per writer: commands on different tasks share no row lock, so their
        // transactions really interleave.
        var taskIDs: [String] = []
        for _ in 0..<8 {
            var task = NewTask(workflow: "complaint-escalation", title: "t")
            task.fields = ["customer": "C"]
            taskIDs.append(try await database.tasks.create(task, caller: .system("setup"), authorize: .system).id)
        }
        // The last committed seq, once the writers are done (0 before).
        let lastCommitted = Atomic<Int64>(0)

        async let seen: [Int64] = follow(database.events, until: lastCommitted)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (writer, taskID) in taskIDs.enumerated() {
                group.addTask {
                    for round in 0..<12 {
                        let hold = Duration.milliseconds([0, 1, 5, 40][(writer + round) % 4])
                        let rollBack = (writer * 7 + round) % 9 == 0
                        try? await Self.comment(on: taskID, database, holdingFor: hold, rollBack: rollBack)
                    }
                }
            }
            try await group.waitForAll()
        }
        let committed = try await pool.withConnection {
            try await $0.query("SELECT seq FROM events ORDER BY seq").rows.map { try $0.decode("seq", as: Int64.self) }
        }
        lastCommitted.store(committed.last ?? 0, ordering: .releasing)
        let followed = try await seen
        #expect(committed.count > 50)
        // Rolled-back transactions drew seqs too: the log has holes a follower had to step over.
        #expect(Int(committed.last! - committed.first!) + 1 > committed.count, "holes in \(committed)")
        #expect(zip(followed, followed.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing")
        #expect(followed == committed, "exactly the committed events, none missing, none twice")

        // A reconnect resumes from the last seq seen and gets exactly the rest.
        let middle = followed[followed.count / 2]
        let resumed = try await database.events.events(
            after: middle, filter: EventFilter(scope: .allTeams), limit: 100_000
        ).map(\.seq)
        #expect(resumed == Array(committed.drop { $0 <= middle }))
        await pool.close()
    }

    /// Followers read the frontier and their page on one borrowed connection, but never wait
    /// for another reader's scan while holding it: with more followers than connections, those
    /// waiting would hold every connection and the scan they wait for could get none.
    @Test(.timeLimit(.minutes(1)))
    func moreFollowersThanConnectionsAllReadToTheEnd() async throws {
        let (database, taskID) = try await Self.databaseWithOneTask(connections: 2)
        let pool = database.pool
        final class LastCommitted: Sendable { let seq = Atomic<Int64>(0) }
        let lastCommitted = LastCommitted()
        let followed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<12 {
                group.addTask { try await follow(database.events, until: lastCommitted.seq, pageSize: 3) }
            }
            for _ in 0..<30 {
                try await Self.comment(on: taskID, database, holdingFor: .zero, rollBack: false)
            }
            let committed = try await pool.withConnection {
                try await $0.query("SELECT max(seq) AS seq FROM events").rows[0].decode("seq", as: Int64.self)
            }
            lastCommitted.seq.store(committed, ordering: .releasing)
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let committed = try await pool.withConnection {
            try await $0.query("SELECT seq FROM events ORDER BY seq").rows.map { try $0.decode("seq", as: Int64.self) }
        }
        #expect(followed.count == 12)
        #expect(followed.allSatisfy { $0 == committed }, "every follower read every event once, in order")
        await pool.close()
    }

    /// A prepared database over a pool of `connections`, with the complaint workflow and one task.
    static func databaseWithOneTask(connections: Int) async throws -> (OpslineDatabase, taskID: String) {
        let pool = PostgresPool(
            conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: connections)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        var task = NewTask(workflow: "complaint-escalation", title: "t")
        task.fields = ["customer": "C"]
        return (database, try await database.tasks.create(task, caller: .system("setup"), authorize: .system).id)
    }

    /// One command whose transaction appends its events (drawing their seqs), keeps them for
    /// `hold` before committing, or rolls back.
    static func comment(
        on taskID: String, _ database: OpslineDatabase, holdingFor hold: Duration, rollBack: Bool
    ) async throws {
        struct RolledBack: Error {}
        try await database.pool.transaction { [catalog = database.workflows] connection in
            let transaction = CommandTransaction(
                connection: connection, catalog: catalog, caller: .system("w"), authorize: .system, clock: .system)
            _ = try await transaction.apply(.comment(taskID: taskID, text: "hello"))
            try await transaction.flushEvents()
            // The append goes out with the next statement: this one, so its seqs are drawn now.
            try await connection.query("SELECT 1")
            try await Task.sleep(for: hold)
            if rollBack { throw RolledBack() }
        }
    }

    /// Polls the log from cursor 0, as a follower does (no patience), until it has read the last
    /// committed seq, once the writers are done and that is known.
    private func follow(
        _ log: EventLog, until lastCommitted: borrowing Atomic<Int64>, pageSize: Int = 50
    ) async throws -> [Int64] {
        var seen: [Int64] = []
        var cursor: Int64 = 0
        while true {
            let last = lastCommitted.load(ordering: .acquiring)
            if last > 0, cursor >= last { return seen }
            let page = try await log.events(
                after: cursor, filter: EventFilter(scope: .allTeams), limit: pageSize, patience: .zero)
            seen += page.map(\.seq)
            cursor = page.last?.seq ?? cursor
            if page.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
        }
    }
}

import Foundation
import MetricsTestKit
import TestSupport
import Testing

@testable import Postgres

/// Counts attempts across retries of a transaction body.
private actor Counter {
    private(set) var value = 0
    func increment() -> Int {
        value += 1
        return value
    }
}

/// Holds the first `count` callers of ``arrive()`` until all of them have arrived, and lets every
/// later caller through: two transactions that have both read before either writes must collide,
/// however the machine schedules them.
private actor FirstArrivals {
    private let count: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        self.count = count
    }

    func arrive() async {
        arrived += 1
        guard arrived <= count else { return }
        if arrived == count {
            waiting.forEach { $0.resume() }
            waiting = []
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
}

@Suite struct PostgresPoolTests {
    @Test func aThrowingTransactionLeavesNoPartialWrite() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 2)
        try await pool.withConnection { try await $0.execute("CREATE TABLE notes (text text NOT NULL)") }
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await pool.transaction { connection in
                try await connection.query("INSERT INTO notes VALUES ($1)", ["first"])
                throw Abort()
            }
        }
        await #expect(throws: PostgresError.self) {
            try await pool.transaction { connection in
                try await connection.query("INSERT INTO notes VALUES ($1)", ["second"])
                try await connection.query("INSERT INTO notes VALUES (NULL)")
            }
        }
        let count = try await pool.withConnection {
            try await $0.query("SELECT count(*) AS n FROM notes").first?.decode("n", as: Int.self)
        }
        #expect(count == 0)
        await pool.close()
    }

    @Test func serializationFailuresAreRetriedUntilTheyCommit() async throws {
        let metrics = TestMetrics()
        let pool = PostgresPool(
            conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4,
            metrics: PostgresPoolMetrics(factory: metrics))
        try await pool.withConnection { connection in
            try await connection.execute("CREATE TABLE counter (n int NOT NULL); INSERT INTO counter VALUES (0)")
        }
        let attempts = Counter()
        // Eight serializable read-modify-write transactions on one row. The first two to read wait
        // for each other before writing, so one of them fails with 40001 and is retried; the
        // others collide as they happen to.
        let firstTwo = FirstArrivals(count: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.transaction(isolation: .serializable, maximumAttempts: 50) { connection in
                        _ = await attempts.increment()
                        let current = try await connection.query("SELECT n FROM counter").first!.decode(
                            "n", as: Int.self)
                        await firstTwo.arrive()
                        try await connection.query("UPDATE counter SET n = $1", [current + 1])
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await pool.withConnection {
            try await $0.query("SELECT n FROM counter").first!.decode("n", as: Int.self)
        }
        #expect(final == 8)
        #expect(await attempts.value > 8, "expected at least one retried serialization failure")
        // Every attempt after a transaction's first is counted as a retry, by its reason.
        let retries = try ["serialization_failure", "deadlock"].map {
            try metrics.expectCounter(PostgresPoolMetrics.retriesLabel, [("reason", $0)]).totalValue
        }
        #expect(Int(retries.reduce(0, +)) == (await attempts.value) - 8)
        // Every borrow's wait is recorded (here more borrowers than connections waited).
        #expect(try metrics.expectTimer(PostgresPoolMetrics.waitTimeLabel).values.count >= 9)
        await pool.close()
    }

    @Test func aKilledConnectionIsReplaced() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 1)
        let firstPID = try await pool.withConnection {
            try await $0.query("SELECT pg_backend_pid() AS pid").first!.decode("pid", as: Int.self)
        }
        let killer = try await PostgresConnection.connect(conninfo)
        try await killer.query("SELECT pg_terminate_backend($1)", [firstPID])
        await killer.close()
        // The next statement on the dead connection fails as a connection failure...
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { try await $0.query("SELECT 1") }
        }
        #expect(error?.isConnectionFailure == true)
        // ...and the pool replaces it.
        let secondPID = try await pool.withConnection {
            try await $0.query("SELECT pg_backend_pid() AS pid").first!.decode("pid", as: Int.self)
        }
        #expect(secondPID != firstPID)
        await pool.close()
    }

    /// A transaction that meets a pooled connection the server dropped has not begun, so it runs
    /// again on a fresh connection, and its write lands exactly once.
    @Test func aTransactionOnADeadPooledConnectionRunsOnceOnAFreshOne() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 1)
        let firstPID = try await pool.withConnection { connection in
            try await connection.execute("CREATE TABLE notes (text text NOT NULL)")
            return try await connection.query("SELECT pg_backend_pid() AS pid").first!.decode("pid", as: Int.self)
        }
        let killer = try await PostgresConnection.connect(conninfo)
        try await killer.query("SELECT pg_terminate_backend($1)", [firstPID])
        await killer.close()
        let pid = try await pool.transaction { connection in
            try await connection.query("INSERT INTO notes VALUES ($1)", ["once"])
            return try await connection.query("SELECT pg_backend_pid() AS pid").first!.decode("pid", as: Int.self)
        }
        #expect(pid != firstPID)
        let count = try await pool.withConnection {
            try await $0.query("SELECT count(*) AS n FROM notes").first!.decode("n", as: Int.self)
        }
        #expect(count == 1)
        await pool.close()
    }

    /// A transaction whose body fails, before or after its first statement, leaves no write and
    /// does not hand the connection on inside the failed transaction.
    @Test func aTransactionFailingBeforeOrAfterItsFirstStatementLeavesNothing() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 1)
        try await pool.withConnection { try await $0.execute("CREATE TABLE notes (text text NOT NULL)") }
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await pool.transaction { _ in throw Abort() }
        }
        await #expect(throws: Abort.self) {
            try await pool.transaction { connection in
                try await connection.query("INSERT INTO notes VALUES ($1)", ["rolled back"])
                throw Abort()
            }
        }
        // Inside the failed transaction, the INSERT would have given it a transaction id.
        let leftOpen = try await pool.withConnection { connection in
            try await connection.query("SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS open").first!.decode(
                "open", as: Bool.self)
        }
        #expect(!leftOpen, "the connection was handed on inside the failed transaction")
        let count = try await pool.withConnection {
            try await $0.query("SELECT count(*) AS n FROM notes").first!.decode("n", as: Int.self)
        }
        #expect(count == 0)
        await pool.close()
    }

    /// Thirty borrowers on two connections: each waits its turn, none gets a connection another
    /// holds, and no more than two are ever open.
    @Test func borrowersBeyondTheLimitWaitTheirTurn() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 2)
        let pids = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await pool.withConnection { connection in
                        let pid = try await connection.query("SELECT pg_backend_pid() AS pid, pg_sleep(0.01)").first!
                        return try pid.decode("pid", as: Int.self)
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(pids).count <= 2, "\(Set(pids))")
        #expect(pool.openConnections <= 2)
        await pool.close()
        #expect(pool.openConnections == 0)
        await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
    }

    /// Closing the pool turns away borrowers waiting for a connection instead of leaving them
    /// waiting forever.
    @Test func closingThePoolReleasesWaitingBorrowers() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 1)
        let (holding, held) = AsyncStream.makeStream(of: Void.self)
        let (closing, closed) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Holds the only connection until the pool is closed.
            group.addTask {
                defer { held.finish() }
                try await pool.withConnection { _ in
                    held.yield()
                    for await _ in closing { break }
                }
            }
            for await _ in holding { break }
            group.addTask {
                await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
            }
            // The borrower queues up first (one that arrived after the close would be refused too).
            while pool.waitingBorrowers == 0 { await Task.yield() }
            await pool.close()
            closed.finish()
            try await group.waitForAll()
        }
        #expect(pool.openConnections == 0, "the borrowed connection closed when it came back")
    }
}

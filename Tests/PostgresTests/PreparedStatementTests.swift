import Testing
import TestSupport

@testable import Postgres

/// Statements sent with `prepared: true` are prepared once per connection and then run by name;
/// a prepare that fails leaves nothing cached, and the cache stops growing at its bound.
@Suite struct PreparedStatementTests {
    static let addOne = "SELECT $1::int + 1 AS n"

    /// The statements the server holds prepared for this session.
    func serverPrepared(_ connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*) AS n FROM pg_prepared_statements").first!.decode("n", as: Int.self)
    }

    func addOne(_ value: Int, on connection: PostgresConnection) async throws -> Int? {
        try await connection.query(Self.addOne, [value], prepared: true).first?.decode("n", as: Int.self)
    }

    @Test func aPreparedStatementRunsRightTheFirstAndTheNextTimes() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        for value in 1...3 {
            #expect(try await addOne(value, on: connection) == value + 1)
        }
        #expect(await connection.preparedCount == 1)
        #expect(try await serverPrepared(connection) == 1, "prepared once, not per use")
        await connection.close()
    }

    /// The prepare goes in the pipeline of its first use; a second use in the same pipeline
    /// reuses it rather than preparing the text again (which the server would refuse).
    @Test func aPreparedStatementRunsInAPipelineAndTwiceInOne() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        try await connection.execute("CREATE TABLE notes (text text NOT NULL)")
        let insert = "INSERT INTO notes VALUES ($1)"
        for round in 1...2 {
            await connection.sendWithNext(insert, ["a\(round)"], prepared: true)
            await connection.sendWithNext(insert, ["b\(round)"], prepared: true)
            let count = "SELECT count(*) AS n FROM notes"
            let rows = try await connection.query(count, prepared: true)
            #expect(try rows.first?.decode("n", as: Int.self) == 2 * round)
        }
        #expect(await connection.preparedCount == 2)
        #expect(try await serverPrepared(connection) == 2)
        await connection.close()
    }

    /// A statement prepared in a transaction that rolls back stays prepared (the protocol's
    /// prepare is not transactional); one first used in a transaction that already failed is
    /// refused with it and is not cached, so it is prepared afresh afterwards.
    @Test func aPreparedStatementWorksAfterAFailedStatementAndARollback() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        try await connection.execute("BEGIN")
        #expect(try await addOne(1, on: connection) == 2)
        await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1 / 0") }
        let twice = "SELECT $1::int * 2 AS n"
        let refused = await #expect(throws: PostgresError.self) {
            try await connection.query(twice, [4], prepared: true)
        }
        #expect(refused?.sqlState == "25P02")
        try await connection.execute("ROLLBACK")
        #expect(await connection.preparedCount == 1)
        #expect(try await addOne(2, on: connection) == 3)
        #expect(try await connection.query(twice, [4], prepared: true).first?.decode("n", as: Int.self) == 8)
        #expect(try await serverPrepared(connection) == 2)
        await connection.close()
    }

    @Test func aStatementWhosePrepareFailsReportsTheErrorAndIsNotCached() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        for _ in 1...2 {
            let error = await #expect(throws: PostgresError.self) {
                try await connection.query("SELEC $1::int", [1], prepared: true)
            }
            #expect(error?.sqlState == "42601")
        }
        // Held back, the failed prepare stops the statement it was sent with, as any error does.
        await connection.sendWithNext("SELEC 1", prepared: true)
        await #expect(throws: PostgresError.self) { try await addOne(1, on: connection) }
        #expect(await connection.preparedCount == 0)
        #expect(try await serverPrepared(connection) == 0)
        #expect(try await addOne(1, on: connection) == 2)
        await connection.close()
    }

    /// Past the bound, statements still run, unnamed.
    @Test func theCacheDoesNotGrowPastItsBound() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        let limit = PreparedStatements.defaultLimit
        for value in 0..<(limit + 10) {
            let sql = "SELECT $1::int + \(value) AS n"
            #expect(try await connection.query(sql, [1], prepared: true).first?.decode("n", as: Int.self) == value + 1)
        }
        #expect(await connection.preparedCount == limit)
        #expect(try await serverPrepared(connection) == limit)
        await connection.close()
    }
}

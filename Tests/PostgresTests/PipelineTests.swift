import Postgres
import Testing
import TestSupport

/// Statements held back with `sendWithNext` go out with the next one, in one round trip.
@Suite struct PipelineTests {
    func count(_ connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*) AS n FROM notes").first!.decode("n", as: Int.self)
    }

    @Test func aHeldBackStatementRunsBeforeTheNextAndOnlyTheNextsRowsComeBack() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        try await connection.execute("CREATE TABLE notes (text text NOT NULL)")
        await connection.sendWithNext("INSERT INTO notes VALUES ($1)", ["first"])
        await connection.sendWithNext("INSERT INTO notes VALUES ($1)", ["second"])
        let rows = try await connection.query("SELECT string_agg(text, ',' ORDER BY text) AS texts FROM notes")
        #expect(try rows.first?.decode("texts", as: String.self) == "first,second")
        #expect(try await count(connection) == 2, "held-back statements run once")
        await connection.close()
    }

    @Test func heldBackJSONArraysOfTheSameStatementJoinIntoOneWhateverTheirText() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        try await connection.execute("CREATE TABLE notes (text text NOT NULL)")
        let insert = "INSERT INTO notes SELECT value ->> 'text' FROM jsonb_array_elements($1::jsonb)"
        await connection.sendWithNext(insert, mergingJSONArrays: [#"[{"text":"一"}]"#])
        await connection.sendWithNext(insert, mergingJSONArrays: ["[]"])
        await connection.sendWithNext(insert, mergingJSONArrays: [#"[{"text":"two, \"quoted\""},{"text":"三"}]"#])
        let before = await connection.roundTrips
        let rows = try await connection.query("SELECT text FROM notes")
        #expect(
            try rows.rows.map { try $0.decode("text", as: String.self) }.sorted()
                == [#"two, "quoted""#, "一", "三"].sorted())
        #expect(await connection.roundTrips == before + 1, "one statement, sent with the query")
        await connection.close()
    }

    @Test func aFailingHeldBackStatementStopsTheNextAndItsErrorIsThrown() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        try await connection.execute("CREATE TABLE notes (text text NOT NULL)")
        await connection.sendWithNext("INSERT INTO notes VALUES (NULL)")
        await #expect(throws: PostgresError.self) {
            try await connection.query("INSERT INTO notes VALUES ($1)", ["after"])
        }
        #expect(try await count(connection) == 0)
        #expect(try await connection.query("SELECT 1 AS one").first?.decode("one", as: Int.self) == 1)
        await connection.close()
    }

    /// Held back for the COMMIT: it commits with it; when it fails, nothing of the transaction
    /// stays and the connection is fit for the next one.
    @Test func aStatementSentWithTheCommitCommitsOrRollsBackWithTheTransaction() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 1)
        try await pool.withConnection { try await $0.execute("CREATE TABLE notes (text text NOT NULL)") }
        try await pool.transaction { connection in
            try await connection.query("INSERT INTO notes VALUES ($1)", ["in the body"])
            await connection.sendWithNext("INSERT INTO notes VALUES ($1)", ["with the commit"])
        }
        await #expect(throws: PostgresError.self) {
            try await pool.transaction { connection in
                try await connection.query("INSERT INTO notes VALUES ($1)", ["rolled back"])
                await connection.sendWithNext("INSERT INTO notes VALUES (NULL)")
            }
        }
        let texts = try await pool.transaction { connection in
            try await connection.query("SELECT text FROM notes ORDER BY text").rows.map {
                try $0.decode("text", as: String.self)
            }
        }
        #expect(texts == ["in the body", "with the commit"])
        await pool.close()
    }

    /// A borrower that holds a statement back and returns the connection without another call
    /// does not leave it for the next borrower.
    @Test func theNextBorrowerDoesNotSendWhatTheLastOneHeldBack() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 1)
        try await pool.withConnection { try await $0.execute("CREATE TABLE notes (text text NOT NULL)") }
        try await pool.withConnection { await $0.sendWithNext("INSERT INTO notes VALUES ($1)", ["stray"]) }
        #expect(try await pool.withConnection { try await count($0) } == 0)
        await pool.close()
    }
}

import Foundation
import Logging
import TestSupport
import Testing

@testable import Postgres

/// A statement names the request it runs for (`/* request_id='…' */`, from the task-local
/// ``PostgresRequestTag/current``), and the server's remarks — NOTICEs, WARNINGs, the `FATAL:` of
/// a connection it ends — go through the logger instead of raw to standard error.
@Suite struct PostgresLoggingTests {
    /// What `pg_stat_activity` shows of the statement reading it: its own text.
    static let ownText = "SELECT query FROM pg_stat_activity WHERE pid = pg_backend_pid()"

    @Test func onlySaneIDsMakeATag() {
        for good in ["a", "req-1", "0af3.b_c:d-e", String(repeating: "z", count: 128)] {
            #expect(PostgresRequestTag(good)?.id == good)
        }
        for bad in [
            "", "has space", "quote'", "*/ DROP TABLE x; /*", "new\nline", String(repeating: "z", count: 129), "é",
        ] {
            #expect(PostgresRequestTag(bad) == nil, "\(bad)")
        }
    }

    @Test func theCommentFollowsTheStatementOnALineOfItsOwnAfterALineComment() throws {
        let tag = try #require(PostgresRequestTag("r1"))
        #expect(tag.appended(to: "SELECT 1") == "SELECT 1 /* request_id='r1' */")
        #expect(tag.appended(to: "SELECT 1 -- one") == "SELECT 1 -- one\n/* request_id='r1' */")
        #expect(tag.appended(to: "SELECT 1 -- one\nFROM t") == "SELECT 1 -- one\nFROM t /* request_id='r1' */")
    }

    @Test func everyStatementOfATaggedTaskNamesItsRequestInPostgreSQL() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 2)
        let tag = try #require(PostgresRequestTag("req-42.a:b_c"))
        let (queried, inTransaction, untagged) = try await PostgresRequestTag.$current.withValue(tag) {
            let queried = try await pool.withConnection {
                try await $0.query(Self.ownText).first?.decode("query", as: String.self)
            }
            // After a statement held back for it, in one pipeline, inside a transaction.
            let inTransaction = try await pool.transaction { connection in
                await connection.sendWithNext("SELECT 1")
                return try await connection.query(Self.ownText).first?.decode("query", as: String.self)
            }
            let untagged = try await PostgresRequestTag.$current.withValue(nil) {
                try await pool.withConnection {
                    try await $0.query(Self.ownText).first?.decode("query", as: String.self)
                }
            }
            return (queried, inTransaction, untagged)
        }
        #expect(queried == Self.ownText + " /* request_id='req-42.a:b_c' */")
        #expect(inTransaction == Self.ownText + " /* request_id='req-42.a:b_c' */")
        #expect(untagged == Self.ownText)
        await pool.close()
    }

    /// A prepared statement's text cannot change per request: it goes untagged, and the
    /// transaction's `BEGIN` names the request in `application_name` until it ends.
    @Test func aTransactionNamesItsRequestInApplicationNameForItsPreparedStatements() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let pool = PostgresPool(conninfo: conninfo, maximumConnections: 1)
        let tag = try #require(PostgresRequestTag("req-7"))
        let activity = "SELECT query, application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"
        let (query, name) = try await PostgresRequestTag.$current.withValue(tag) {
            try await pool.transaction { connection in
                let row = try await connection.query(activity, prepared: true).first
                return (try row?.decode("query", as: String.self), try row?.decode("application_name", as: String.self))
            }
        }
        #expect(query == activity)
        #expect(name == "opsline request_id=req-7")
        let after = try await pool.withConnection {
            try await $0.query(activity, prepared: true).first?.decode("application_name", as: String.self)
        }
        #expect(after == "opsline", "the name lasts only as long as the transaction")
        await pool.close()
    }

    @Test func noticesAndWarningsGoThroughTheLogger() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let log = CapturedLog()
        let connection = try await PostgresConnection.connect(conninfo, logger: log.logger())
        try await connection.execute(
            """
            DO $$ BEGIN
                RAISE NOTICE 'a notice,
            on two lines';
                RAISE WARNING 'a warning';
            END $$
            """)
        await connection.close()
        let notice = try #require(log.entries.first { $0.message.contains("a notice") })
        #expect(notice.level == .debug)
        #expect(notice.message == "PostgreSQL: a notice,\non two lines")
        #expect(notice.metadata["severity"] == "NOTICE")
        let warning = try #require(log.entries.first { $0.message.contains("a warning") })
        #expect(warning.level == .warning)
        #expect(warning.metadata["sqlstate"] == "01000")
    }

    /// A connection the server ends while it waits for notifications: libpq reads the `FATAL`
    /// as a remark, which is logged as an error rather than printed.
    @Test func theFatalOfAConnectionTheServerEndsIsLogged() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let log = CapturedLog()
        let listening = try await PostgresConnection.connect(conninfo, logger: log.logger())
        try await listening.listen("nothing")
        let pid = try #require(
            try await listening.query("SELECT pg_backend_pid() AS pid").first?.decode("pid", as: Int.self))
        let other = try await PostgresConnection.connect(conninfo)
        try await other.query("SELECT pg_terminate_backend($1)", [pid])
        await other.close()
        let deadline = ContinuousClock.now + .seconds(30)
        var ended = false
        while !ended, ContinuousClock.now < deadline {
            do { _ = try await listening.waitForNotifications(timeout: .milliseconds(200)) } catch { ended = true }
        }
        #expect(ended, "the connection did not end")
        let fatal = try #require(log.entries.first { $0.metadata["severity"] == "FATAL" }, "\(log.entries)")
        #expect(fatal.level == .error)
        #expect(fatal.message.contains("terminating connection due to administrator command"))
        await listening.close()
    }
}

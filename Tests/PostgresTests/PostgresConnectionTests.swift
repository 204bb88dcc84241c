import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite struct PostgresConnectionTests {
    @Test func parametersRoundTripEveryBindableType() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        let moment = Date(timeIntervalSince1970: 1_795_000_000.25)
        let row = try #require(
            try await connection.query(
                "SELECT $1::text AS t, $2::bigint AS n, $3::bool AS b, $4::timestamptz AS at, $5::text[] AS list, $6::text AS missing",
                ["it's \"quoted\"", Int64(42), true, moment, ["a,b", "c\"d", ""], String?.none]
            ).first)
        #expect(try row.decode("t", as: String.self) == "it's \"quoted\"")
        #expect(try row.decode("n", as: Int64.self) == 42)
        #expect(try row.decode("b", as: Bool.self))
        #expect(try row.decode("at", as: Date.self) == moment)
        #expect(try row.decode("list", as: [String].self) == ["a,b", "c\"d", ""])
        #expect(try row.decode("missing", as: String?.self) == nil)
        await connection.close()
    }

    /// `bytea` goes both ways in its hex form: every byte value, NUL included, and no bytes.
    @Test func bytesRoundTripEveryByteValue() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        let bytes = PostgresBytes((0...255).map(UInt8.init) + [0, 0xFF])
        let row = try #require(
            try await connection.query(
                "SELECT $1::bytea AS data, length($1::bytea) AS n, $2::bytea AS empty", [bytes, PostgresBytes([])]
            ).first)
        #expect(try row.decode("data", as: PostgresBytes.self) == bytes)
        #expect(try row.decode("n", as: Int.self) == 258)
        #expect(try row.decode("empty", as: PostgresBytes.self) == PostgresBytes([]))
        #expect(PostgresBytes(postgresText: "\\xABcd") == PostgresBytes([0xAB, 0xCD]), "either case")
        for broken in ["ab", "\\x1", "\\xg0"] { #expect(PostgresBytes(postgresText: broken) == nil, "\(broken)") }
        await connection.close()
    }

    @Test func textArraysKeepQuotesBackslashesBracesAndUnicode() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        let values = [
            #"{"note":"say \"hi\"","path":"C:\\temp"}"#, "\\", "\"", "{a,b}", "NULL", " spaced ", "Zürich ✓ 🚀", "",
        ]
        let row = try #require(
            try await connection.query(
                "SELECT $1::text[] AS list, cardinality($1::text[]) AS n, $2::text[] AS empty", [values, [String]()]
            ).first)
        #expect(try row.decode("list", as: [String].self) == values)
        #expect(try row.decode("n", as: Int.self) == values.count)
        #expect(try row.decode("empty", as: [String].self) == [])
        await connection.close()
    }

    /// libpq sends parameters as C strings: a NUL would cut the text short, so
    /// `visible\u{0}HIDDEN` would be stored as `visible`. It is refused instead, as a data error,
    /// and so is a held-back statement's, with the call that would have sent it.
    @Test func aTextParameterHoldingNULIsRefusedNotCutShort() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        await #expect(throws: PostgresError.nulInParameter) {
            try await connection.query("SELECT $1::text AS t", ["visible\u{0}HIDDEN"])
        }
        #expect(PostgresError.nulInParameter.isDataError)
        await connection.sendWithNext("SELECT $1::text", [["a", "b\u{0}"]])
        await #expect(throws: PostgresError.nulInParameter) { try await connection.execute("SELECT 1") }
        // Nothing is left held back, and the connection goes on.
        let row = try #require(try await connection.query("SELECT $1::text AS t", ["visible"]).first)
        #expect(try row.decode("t", as: String.self) == "visible")
        await connection.close()
    }

    @Test func serverErrorsCarrySQLStateAndDetail() async throws {
        let connection = try await PostgresConnection.connect(try await TestCluster.shared.makeDatabase())
        try await connection.execute("CREATE TABLE items (id int PRIMARY KEY)")
        try await connection.query("INSERT INTO items VALUES ($1)", [1])
        let error = await #expect(throws: PostgresError.self) {
            try await connection.query("INSERT INTO items VALUES ($1)", [1])
        }
        #expect(error?.sqlState == SQLState.uniqueViolation)
        #expect(error?.detail?.contains("(id)=(1)") == true)
        #expect(error?.constraint == "items_pkey")
        // The connection stays usable after a statement error.
        let count = try await connection.query("SELECT count(*) AS n FROM items").first?.decode("n", as: Int.self)
        #expect(count == 1)
        await connection.close()
    }

    @Test func connectingToNothingIsAConnectionFailure() async throws {
        let error = await #expect(throws: PostgresError.self) {
            _ = try await PostgresConnection.connect("host=/nonexistent-socket-dir port=5999 dbname=x")
        }
        #expect(error?.isConnectionFailure == true)
    }

    @Test func multiHostConnectionStringsPassThroughUntouched() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let socket = try #require(conninfo.split(separator: " ").first { $0.hasPrefix("host=") })
            .dropFirst("host=".count)
        let database = try #require(conninfo.split(separator: " ").first { $0.hasPrefix("dbname=") })
        // The first host does not exist; libpq must fall through to the second.
        let multiHost =
            "host=/nonexistent,\(socket) port=5432,5432 user=opsline \(database) target_session_attrs=read-write"
        let connection = try await PostgresConnection.connect(multiHost)
        let row = try await connection.query("SELECT current_database() AS db").first
        #expect(try row?.decode("db", as: String.self) == String(database.dropFirst("dbname=".count)))
        await connection.close()
    }
}

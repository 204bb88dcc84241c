import Foundation
import Postgres
import Testing
import TestSupport

@Suite struct PostgresListenerTests {
    @Test func notificationsArriveWithTheirPayload() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let listener = PostgresListener(conninfo: conninfo, channels: ["opsline_test"])
        var events = listener.events().makeAsyncIterator()
        #expect(await events.next() == .connected)
        let sender = try await PostgresConnection.connect(conninfo)
        try await sender.query("SELECT pg_notify($1, $2)", ["opsline_test", "hello"])
        guard case .notification(let notification) = await events.next() else {
            Issue.record("expected a notification")
            return
        }
        #expect(notification.channel == "opsline_test")
        #expect(notification.payload == "hello")
        await sender.close()
    }

    @Test func notificationsAreDeliveredOnlyOnCommit() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let listener = PostgresListener(conninfo: conninfo, channels: ["opsline_test"])
        var events = listener.events().makeAsyncIterator()
        #expect(await events.next() == .connected)
        let pool = PostgresPool(conninfo: conninfo)
        struct Abort: Error {}
        try? await pool.transaction { connection in
            try await connection.query("SELECT pg_notify($1, $2)", ["opsline_test", "rolled back"])
            throw Abort()
        }
        try await pool.transaction { connection in
            try await connection.query("SELECT pg_notify($1, $2)", ["opsline_test", "committed"])
        }
        guard case .notification(let notification) = await events.next() else {
            Issue.record("expected a notification")
            return
        }
        #expect(notification.payload == "committed")
        await pool.close()
    }
}

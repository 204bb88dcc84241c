import Foundation
import OpslineStore
import Postgres
import TestSupport
import Testing

@testable import OpslineServer

/// Pruning the event log's oldest events, a small batch at a time, and the stream's `410 Gone`
/// for a cursor below what was pruned. Time is the test's: the log grows 400 days older without
/// waiting for them.
@Suite struct EventRetentionTests {
    @Test func theOldestEventsGoInBatchesAndACursorBelowThemIsGone() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.run { api in
            for title in ["a", "b", "c"] { _ = try await api.createComplaint(title: title) }
            let old = try await api.send(.get, "/v1/events?since=0").lines.compactMap { $0["seq"]?.intValue }
            #expect(old.count >= 3)
            await time.advance(by: .seconds(400 * 86_400))
            let recent = try await api.createComplaint(title: "recent")

            // Batches of 2: several transactions, and only the events older than 200 days go.
            let outcome = try await server.database.eventRetention.prune(
                olderThan: .seconds(200 * 86_400), batchSize: 2)
            #expect(outcome.pruned == old.count)
            #expect(outcome.prunedThrough == Int64(old.last!))
            let again = try await server.database.eventRetention.prune(olderThan: .seconds(200 * 86_400))
            #expect(again.pruned == 0 && again.prunedThrough == Int64(old.last!), "nothing more to prune")

            // A follower that had read only the first event would miss the rest: 410.
            let gone = try await api.send(.get, "/v1/events?since=\(old[0])")
            #expect(gone.status == .gone)
            #expect(gone.errorCode == "gone")
            #expect(gone.object["error"]?["pruned_through"]?.intValue == old.last!, "\(gone.text)")
            // From where the pruning ended, or from the start (the oldest kept), nothing is missing.
            for since in [old.last!, 0] {
                let rest = try await api.send(.get, "/v1/events?since=\(since)")
                #expect(rest.status == .ok)
                #expect(!rest.lines.isEmpty && rest.lines.allSatisfy { $0["task"]?.stringValue == recent }, "\(rest.text)")
            }
            // The task history keeps only what is kept, too.
            let history = try await api.send(.get, "/v1/tasks/\(recent)/events")
            #expect(history.status == .ok && !history.lines.isEmpty)
        }
    }

    @Test func anEventNotOlderThanTheCutoffStopsThePruneEvenWithOlderOnesAfterIt() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.run { api in
            _ = try await api.createComplaint(title: "old")
            let afterOld = try await api.send(.get, "/v1/events?since=0").lines.compactMap { $0["seq"]?.intValue }
            await time.advance(by: .seconds(300 * 86_400))
            _ = try await api.createComplaint(title: "newer")
            // Only the prefix of the log goes: the log stays whole above the position pruned through.
            let outcome = try await server.database.eventRetention.prune(olderThan: .seconds(100 * 86_400))
            #expect(outcome.prunedThrough == Int64(afterOld.last!))
            let left = try await server.pool.withConnection {
                try await $0.query("SELECT count(*) AS n FROM events WHERE seq <= $1", [outcome.prunedThrough]).first!
                    .decode("n", as: Int.self)
            }
            #expect(left == 0)
        }
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
@testable import OpslineClient
import Postgres
import Synchronization
import TestSupport
import Testing
import Workflow

/// Three `opsline serve` processes on one database, each with writers committing at once and a
/// follower: every follower reads exactly the committed events, in `seq` order, none twice —
/// whichever replica wrote them, in whatever order their transactions committed, and with
/// batches that PostgreSQL refused after their events drew seqs.
@Suite struct EventStreamReplicasTests {
    static let secret = "stream-replicas-admin"
    static let writersPerReplica = 3
    static let rounds = 12

    @Test func followersOnThreeReplicasReadExactlyTheCommittedEventsInOrder() async throws {
        let databaseURL = try await TestCluster.shared.makeDatabase()
        let workflows = LiveServer.repositoryRoot.appendingPathComponent("workflows")
        let replicas = try (0..<3).map { index in
            try ServerReplica(
                name: "stream-\(index)", database: .url(databaseURL), workflows: workflows, adminSecret: Self.secret)
        }
        for replica in replicas { try await replica.waitUntilReady() }

        // The last committed seq, once the writers are done: each follower reads up to it.
        let target = Target()
        let followers = replicas.map { replica in
            Task { [url = replica.baseURL] in
                try await EventFollowTests.follow("\(url)/v1/events?since=0&follow=true", token: Self.secret) { lines in
                    let last = target.seq.load(ordering: .acquiring)
                    return last > 0 && (lines.last?["seq"]?.intValue ?? 0) >= last
                }
            }
        }
        let pool = PostgresPool(conninfo: databaseURL, maximumConnections: 3)
        let probed = try #require(
            try await Self.post(
                replicas[0].baseURL,
                #"{"op":"create","workflow":"complaint-escalation","title":"probed","fields":{"customer":"R"}}"#
            ).first?["task"]?["id"]?.stringValue)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 { group.addTask { try await Self.appendAndHold(pool, on: probed, as: writer) } }
            for replica in replicas {
                for writer in 0..<Self.writersPerReplica {
                    group.addTask { [url = replica.baseURL, name = replica.name] in
                        try await Self.write(to: url, as: "\(name)-\(writer)")
                    }
                }
            }
            try await group.waitForAll()
        }

        let committed = try await pool.withConnection {
            try await $0.query("SELECT seq FROM events ORDER BY seq").rows.map { try $0.decode("seq", as: Int.self) }
        }
        await pool.close()
        let expectedCount = 3 * Self.writersPerReplica * Self.rounds * 3
        #expect(committed.count >= expectedCount, "each round commits a create and two comments at least")
        let last = try #require(committed.last)
        #expect(last > committed.count, "rolled-back transactions left holes the followers stepped over")
        target.seq.store(last, ordering: .releasing)
        // One more event, so that a follower that already has everything reads a line and stops.
        _ = try await Self.post(
            replicas[0].baseURL,
            #"{"op":"create","workflow":"complaint-escalation","title":"end","fields":{"customer":"R"}}"#)

        for (replica, follower) in zip(replicas, followers) {
            let seqs = try await follower.value.filter { $0["type"] != "heartbeat" }.compactMap { $0["seq"]?.intValue }
            let read = seqs.filter { $0 <= last }
            #expect(
                read == committed,
                """
                \(replica): exactly the committed events, in order, none twice; \
                missing \(Set(committed).subtracting(read).sorted()), extra \(Set(read).subtracting(committed).sorted()), \
                out of order at \(zip(read, read.dropFirst()).first { $0 >= $1 }.map { "\($0)" } ?? "none")
                """)
        }
        for replica in replicas { try await replica.terminate() }
    }

    /// The last committed seq, once known (0 before).
    final class Target: Sendable {
        let seq = Atomic<Int>(0)
    }

    /// A writer's rounds through one replica: a task created alone, then a batch of comments on
    /// it with one line PostgreSQL refuses (a NUL in the text), so that the batch is run again
    /// line by line after its first attempt rolled back.
    static func write(to baseURL: String, as writer: String) async throws {
        for round in 0..<rounds {
            let created = try await post(
                baseURL,
                #"{"op":"create","workflow":"complaint-escalation","title":"\#(writer) \#(round)","fields":{"customer":"R"}}"#
            )
            let task = try #require(created.first?["task"]?["id"]?.stringValue, "\(created)")
            let comments = [
                #"{"op":"comment","task":"\#(task)","text":"first"}"#,
                #"{"op":"comment","task":"\#(task)","text":"bad\u0000"}"#,
                #"{"op":"comment","task":"\#(task)","text":"second"}"#,
            ]
            let answers = try await post(baseURL, comments.joined(separator: "\n"))
            #expect(answers.count == 3)
        }
    }

    /// Transactions straight on the database that append an event, hold it 0–40 ms, and commit
    /// or (one in three) roll back: a seq drawn and never committed, which no notification
    /// announces, and seqs committed long after later ones.
    static func appendAndHold(_ pool: PostgresPool, on task: String, as writer: Int) async throws {
        struct RolledBack: Error {}
        for round in 0..<(rounds * 2) {
            let hold = Duration.milliseconds([0, 1, 5, 40][(writer + round) % 4])
            try? await pool.transaction { connection in
                // As the server appends: the transaction takes its id before it draws a seq.
                try await connection.query("SELECT pg_current_xact_id()")
                try await connection.query(
                    "INSERT INTO events (task_id, type, data) VALUES ($1, 'probed', '{}')", [task])
                try await Task.sleep(for: hold)
                if round % 3 == writer { throw RolledBack() }
            }
        }
    }

    /// Posts NDJSON lines to `/v1/events`; returns the answer's lines.
    static func post(_ baseURL: String, _ body: String) async throws -> [JSONValue] {
        var request = HTTPClientRequest(url: "\(baseURL)/v1/events")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(secret)")
        request.headers.add(name: "Content-Type", value: "application/x-ndjson")
        request.body = .bytes(ByteBuffer(string: body + "\n"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return try text.split(separator: "\n").map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
    }
}

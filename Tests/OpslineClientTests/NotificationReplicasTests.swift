import Foundation
import TestSupport
import Testing
@testable import Workflow

/// Notifications from `opsline serve` processes sharing one database, to a real receiver on
/// 127.0.0.1: three replicas, all delivering, send each breach once; a server killed while a
/// delivery is in flight leaves it to the next one, which sends it with the same id.
@Suite(.serialized) struct NotificationReplicasTests {
    static let drill = SLADrill.workflow(named: "notify-drill", key: "NTF")
    static let secret = "notify-drill-admin"
    /// Receivers on 127.0.0.1 over http, with `timeout` for each attempt (and so a lease of twice
    /// that and 5 s).
    static func flags(timeout: String) -> [String] {
        ["--allow-insecure-webhooks", "--webhook-allow", "127.0.0.1", "--webhook-timeout", timeout]
    }
    static let taskCount = 100

    /// Writes the drill to a fresh folder and starts `count` replicas on a new database.
    static func start(
        replicas count: Int, timeout: String
    ) async throws -> (replicas: [ServerReplica], folder: URL, database: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "opsline-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try drill.write(to: folder.appendingPathComponent("notify-drill.yaml"), atomically: true, encoding: .utf8)
        let database = try await TestCluster.shared.makeDatabase()
        let replicas = try (0..<count).map { index in
            try ServerReplica(
                name: "notifier-\(index)", database: .url(database), workflows: folder, adminSecret: secret,
                arguments: flags(timeout: timeout))
        }
        for replica in replicas { try await replica.waitUntilReady() }
        return (replicas, folder, database)
    }

    static func subscribe(_ replica: ServerReplica, url: String, events: [String]) async throws {
        let list = events.map { "\"\($0)\"" }.joined(separator: ",")
        _ = try await replica.request(
            "/v1/subscriptions",
            body: #"{"name":"desk","team":"support","events":[\#(list)],"channel":{"type":"webhook","url":"\#(url)"}}"#,
            token: secret)
    }

    @Test func threeReplicasSendEachBreachOnce() async throws {
        try await WebhookReceiver.with { receiver in
            // A time-out no busy machine reaches: an attempt timed out is rightly sent again (at
            // least once), which is not what this test is about.
            let (replicas, folder, _) = try await Self.start(replicas: 3, timeout: "60s")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await Self.subscribe(replicas[1], url: receiver.url(), events: ["sla_breached"])
            let lines = (1...Self.taskCount).map {
                #"{"op":"create","workflow":"notify-drill","title":"Clock \#($0)"}"#
            }
            let created = try await replicas[0].request(
                "/v1/events", body: lines.joined(separator: "\n"), token: Self.secret)
            let ids = Set(created.compactMap { $0["task"]?["id"]?.stringValue })
            try #require(ids.count == Self.taskCount)
            _ = try await receiver.waitFor(Self.taskCount)
            // Every delivery recorded as delivered: none is still in flight to arrive twice.
            let log = try await receiver.value({
                let delivered = try await replicas[2].request("/v1/deliveries?state=delivered", token: Self.secret)
                return delivered.count == Self.taskCount ? delivered : nil
            })
            #expect(log.allSatisfy { $0["attempts"] == 1 })
            let received = receiver.received
            #expect(received.count == Self.taskCount, "each breach once")
            #expect(Set(received.compactMap { $0.header("webhook-id") }).count == Self.taskCount)
            let tasks = Set(received.compactMap { try? JSONValue.parse($0.body)["event"]?["task"]?.stringValue })
            #expect(tasks == ids)
            for replica in replicas { try await replica.terminate() }
        }
    }

    @Test func aDeliveryInFlightWhenItsServerIsKilledIsSentAfterARestart() async throws {
        try await WebhookReceiver.with(script: [.hang]) { receiver in
            // A short time-out keeps the dead server's lease short.
            let (replicas, folder, database) = try await Self.start(replicas: 1, timeout: "2s")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await Self.subscribe(replicas[0], url: receiver.url(), events: ["created"])
            _ = try await replicas[0].request(
                "/v1/tasks", body: #"{"workflow":"notify-drill","title":"Told after a crash"}"#, token: Self.secret)
            // The first attempt is under way (the receiver holds it) when the server dies.
            _ = try await receiver.waitFor(1)
            replicas[0].kill()
            let restarted = try ServerReplica(
                name: "notifier-restarted", database: .url(database), workflows: folder, adminSecret: Self.secret,
                arguments: Self.flags(timeout: "2s"))
            try await restarted.waitUntilReady()
            // Once the dead server's lease has run out, the new one sends it: same id, same body.
            let requests = try await receiver.waitFor(2)
            #expect(requests[0].header("webhook-id") == requests[1].header("webhook-id"))
            #expect(requests[0].body == requests[1].body)
            let log = try await receiver.value({
                let lines = try await restarted.request("/v1/deliveries", token: Self.secret)
                return lines.first?["state"] == "delivered" ? lines : nil
            })
            #expect(log.count == 1 && log.first?["attempts"] == 2)
            try await restarted.terminate()
        }
    }
}

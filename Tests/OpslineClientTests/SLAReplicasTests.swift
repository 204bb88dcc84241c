import AsyncHTTPClient
import Foundation
import NIOCore
@testable import OpslineClient
import TestSupport
import Testing
@testable import Workflow

/// Three `opsline serve` processes on one database, every one running the scheduler, with
/// hundreds of SLA clocks falling due together: each warning, breach and escalation level is
/// recorded exactly once, and a replica killed in the middle of the work loses none of it.
@Suite(.serialized) struct SLAReplicasTests {
    /// Warns at 1 s, breaches at 2 s, escalates at once to level 1 (team) and a second later to
    /// level 2 (priority), in elapsed time.
    static let drill = SLADrill.workflow(named: "replica-drill", key: "RPL")
    /// The same drill with its last level 20 s after the breach: a replica killed at the first
    /// breach dies with most of the work still to do, however slowly a busy machine runs the test.
    static let longDrill = SLADrill.workflow(named: "replica-drill", key: "RPL", lastLevelAfter: "20s")

    static let secret = "replica-drill-admin"
    static let taskCount = 300

    @Test func threeReplicasRecordEveryStepOfHundredsOfClocksExactlyOnce() async throws {
        let drill = try await Drill.start(replicas: 3)
        let ids = try await drill.createTasks(Self.taskCount)
        try await drill.waitForEscalations(level: 2, count: ids.count)
        try await drill.checkEveryStepRecordedOnce(ids)
        try await drill.stop()
    }

    @Test func aReplicaKilledInTheMiddleOfTheWorkLosesNothing() async throws {
        let drill = try await Drill.start(replicas: 3, workflow: Self.longDrill)
        let ids = try await drill.createTasks(Self.taskCount)
        // Wait until the clocks start to breach, then kill one replica outright: a batch it had
        // claimed rolls back with its connection, and another replica claims those rows again.
        try await drill.waitForEvents(type: "sla_breached", count: 1)
        let victim = drill.replicas[2]
        victim.kill()
        #expect(victim.ending == "signal \(SIGKILL)")
        // The last level falls due 20 s after the breaches: most of the work is still to do.
        #expect(try await drill.events(type: "escalated", level: 2) < ids.count)
        try await drill.waitForEscalations(level: 2, count: ids.count)
        try await drill.checkEveryStepRecordedOnce(ids)
        try await drill.stop()
    }
}

/// The replicas of one test, their shared database, and the HTTP calls the test makes.
private struct Drill {
    let replicas: [ServerReplica]
    let folder: URL

    /// Writes the workflow to a fresh folder, creates a database, and starts `count` replicas on
    /// it at once (they migrate and publish under their locks).
    static func start(replicas count: Int, workflow: String = SLAReplicasTests.drill) async throws -> Drill {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "opsline-replicas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try workflow.write(
            to: folder.appendingPathComponent("replica-drill.yaml"), atomically: true, encoding: .utf8)
        let databaseURL = try await TestCluster.shared.makeDatabase()
        let replicas = try (0..<count).map { index in
            try ServerReplica(
                name: "replica-\(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))", database: .url(databaseURL),
                workflows: folder, adminSecret: SLAReplicasTests.secret)
        }
        for replica in replicas { try await replica.waitUntilReady() }
        return Drill(replicas: replicas, folder: folder)
    }

    /// Stops the replicas still running and removes the workflow folder.
    func stop() async throws {
        for replica in replicas { try await replica.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Creates `count` tasks (priority p3) in one `POST /v1/events` batch through the first
    /// replica; returns their ids.
    func createTasks(_ count: Int) async throws -> [String] {
        let lines = (1...count).map {
            #"{"op":"create","workflow":"replica-drill","title":"Clock \#($0)","priority":"p3"}"#
        }
        let results = try await send("/v1/events", body: lines.joined(separator: "\n"), to: replicas[0])
        #expect(results.allSatisfy { $0["status"] == 201 }, "\(results.first { $0["status"] != 201 } as Any)")
        let ids = results.compactMap { $0["task"]?["id"]?.stringValue }
        try #require(ids.count == count)
        return ids
    }

    /// Follows the event log through a running replica until `count` events of `type` (and,
    /// when given, at escalation `level`) have come; fails after `timeout` (a hang bound).
    func waitForEvents(
        type: String, level: Int? = nil, count: Int, timeout: Duration = .seconds(180)
    ) async throws {
        let replica = try #require(replicas.first { $0.isRunning }, "no replica runs")
        var request = HTTPClientRequest(url: "\(replica.baseURL)/v1/events?type=\(type)&follow=true")
        request.headers.add(name: "Authorization", value: "Bearer \(SLAReplicasTests.secret)")
        let response = try await HTTPClient.shared.execute(request, timeout: TimeAmount(timeout))
        var splitter = NDJSONLineSplitter()
        var seen = 0
        for try await chunk in response.body {
            for line in try splitter.append(chunk) {
                let event = try JSONValue.parse(String(buffer: line))
                guard event["type"]?.stringValue == type else { continue }  // heartbeats
                if level == nil || event["data"]?["escalation_level"]?.intValue == level { seen += 1 }
            }
            if seen >= count { return }
        }
        Issue.record(
            "only \(seen) of \(count) \(type) events\n\(replicas.map(\.description).joined(separator: "\n"))")
        throw CancellationError()
    }

    /// How many events of `type` (at escalation `level`, when given) the log holds now.
    func events(type: String, level: Int? = nil) async throws -> Int {
        let reader = try #require(replicas.first { $0.isRunning })
        return try await send("/v1/events?type=\(type)", to: reader)
            .filter { level == nil || $0["data"]?["escalation_level"]?.intValue == level }.count
    }

    /// Waits until `count` clocks reached escalation level `level`.
    func waitForEscalations(level: Int, count: Int) async throws {
        try await waitForEvents(type: "escalated", level: level, count: count)
    }

    /// Reads the whole event log and checks each task's SLA history: one warning, one breach,
    /// escalation levels 1 and 2 once each, and the team and priority changed once per level.
    func checkEveryStepRecordedOnce(_ ids: [String]) async throws {
        let reader = try #require(replicas.first { $0.isRunning })
        let events = try await send("/v1/events", to: reader)
        let byTask = Dictionary(grouping: events) { $0["task"]?.stringValue ?? "" }
        #expect(Set(byTask.keys) == Set(ids))
        let wrong = ids.compactMap { id -> String? in
            let problems = Self.problems(in: byTask[id] ?? [])
            return problems.isEmpty ? nil : "\(id): \(problems.joined(separator: "; "))"
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(ids.count) tasks, e.g.\n\(wrong.prefix(3).joined(separator: "\n"))")
        // The tasks as they now are: team and priority moved exactly once per level.
        for replica in replicas where replica.isRunning {
            let tasks = try await send("/v1/tasks?workflow=replica-drill&limit=1000", to: replica)
            #expect(tasks.count == ids.count)
            #expect(tasks.allSatisfy { $0["team"] == "support-l2" && $0["priority"] == "p2" })
            #expect(tasks.allSatisfy { $0["sla"]?.arrayValue?.first?["escalation_level"] == 2 })
        }
    }

    /// What is wrong with one task's history, if anything: each SLA step must be there once, in
    /// order, applied by the scheduler, and each escalation level must change the task once.
    static func problems(in history: [JSONValue]) -> [String] {
        let types = history.compactMap { $0["type"]?.stringValue }
        let expected = [
            "created", "sla_started", "sla_warning", "sla_breached", "escalated", "assigned", "escalated", "updated",
        ]
        var problems: [String] = []
        if types != expected { problems.append("events \(types)") }
        let levels = history.filter { $0["type"] == "escalated" }.compactMap {
            $0["data"]?["escalation_level"]?.intValue
        }
        if levels != [1, 2] { problems.append("escalation levels \(levels)") }
        let teams = history.filter { $0["type"] == "assigned" }.compactMap { $0["data"]?["team"] }
        if teams != [.object(["from": "support", "to": "support-l2"])] { problems.append("team changes \(teams)") }
        let priorities = history.filter { $0["type"] == "updated" }.compactMap { $0["data"]?["priority"] }
        if priorities != [.object(["from": "p3", "to": "p2"])] { problems.append("priority changes \(priorities)") }
        if !history.dropFirst(2).allSatisfy({ $0["actor"] == "scheduler" }) {
            problems.append("not all by the scheduler")
        }
        return problems
    }

    /// Sends a request as the admin (a POST with `body`, else a GET) and returns the NDJSON
    /// answer's lines; a status other than 2xx fails.
    func send(_ path: String, body: String? = nil, to replica: ServerReplica) async throws -> [JSONValue] {
        try await replica.request(path, body: body, token: SLAReplicasTests.secret)
    }
}

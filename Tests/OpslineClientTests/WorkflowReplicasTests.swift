import AsyncHTTPClient
import Foundation
import NIOCore
@testable import OpslineClient
import TestSupport
import Testing
@testable import Workflow
import NIOHTTP1

/// Two `opsline serve` processes on one database: a workflow version published through one is
/// the version new tasks start on through the other, without a restart (`NotifyChannel.workflows`).
@Suite struct WorkflowReplicasTests {
    static let secret = "workflow-replicas-admin"

    static func workflow(title: String) -> String {
        """
        workflow: relay
        title: \(title)
        key: RLY
        team: support
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        """
    }

    @Test func aVersionPublishedOnOneReplicaIsUsedByTheOtherForNewTasks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-relay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.workflow(title: "Relay").write(
            to: folder.appendingPathComponent("relay.yaml"), atomically: true, encoding: .utf8)
        let databaseURL = try await TestCluster.shared.makeDatabase()
        let replicas = try ["a", "b"].map {
            try ServerReplica(
                name: "relay-\($0)", database: .url(databaseURL), workflows: folder, adminSecret: Self.secret)
        }
        for replica in replicas { try await replica.waitUntilReady() }
        defer { for replica in replicas { replica.kill() } }
        let (a, b) = (replicas[0], replicas[1])

        #expect(try await Self.createVersion(on: b) == 1)
        let published = try await Self.send(
            .PUT, "/v1/workflows/relay", body: Self.workflow(title: "Relay, second edition"), to: a,
            contentType: "application/yaml")
        #expect(published.first?["version"] == 2, "\(published)")

        // The notification reaches b at the commit; wait for that event (bounded only to stop a
        // hung test), and report how long it took.
        let started = ContinuousClock.now
        var version = 1
        while version != 2, ContinuousClock.now - started < .seconds(30) {
            version = try await Self.createVersion(on: b)
            if version != 2 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(version == 2, "b still creates tasks on version \(version)")
        print("replica b used version 2 after \(ContinuousClock.now - started)")
        for replica in replicas { try await replica.terminate() }
    }

    /// Creates a task of `relay` through `replica` and returns its workflow version.
    static func createVersion(on replica: ServerReplica) async throws -> Int {
        let lines = try await send(.POST, "/v1/tasks", body: #"{"workflow":"relay","title":"t"}"#, to: replica)
        return try #require(lines.first?["workflow_version"]?.intValue, "\(lines)")
    }

    static func send(
        _ method: HTTPMethod, _ path: String, body: String, to replica: ServerReplica,
        contentType: String = "application/x-ndjson"
    ) async throws -> [JSONValue] {
        var request = HTTPClientRequest(url: replica.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(secret)")
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }
}

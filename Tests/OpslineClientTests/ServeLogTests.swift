import AsyncHTTPClient
import Foundation
import TestSupport
import Testing

/// `opsline serve --log-format json --log-level …` as an operator runs it: every line the process
/// writes is one JSON object, requests included, with the id the client sent.
@Suite struct ServeLogTests {
    static let secret = "serve-log-admin"

    @Test func aJSONLogIsOneObjectPerLineAndLogsEachRequestWithItsID() async throws {
        let replica = try ServerReplica(
            name: "json-log", database: .url(try await TestCluster.shared.makeDatabase()),
            workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"), adminSecret: Self.secret,
            arguments: ["--log-format", "json", "--log-level", "debug"])
        try await replica.waitUntilReady()
        var request = HTTPClientRequest(url: "\(replica.baseURL)/v1/tasks?limit=1")
        request.headers.add(name: "Authorization", value: "Bearer \(Self.secret)")
        request.headers.add(name: "X-Request-Id", value: "serve-json-1")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "X-Request-Id") == "serve-json-1")
        try await replica.terminate()
        let lines = replica.log.split(separator: "\n")
        #expect(lines.count > 3, "\(replica)")
        var objects: [[String: Any]] = []
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not one JSON object: \(line)")
            if let object { objects.append(object) }
        }
        for object in objects {
            #expect(["timestamp", "level", "label", "message", "source"].allSatisfy { object[$0] != nil }, "\(object)")
        }
        #expect(objects.contains { $0["level"] as? String == "debug" }, "--log-level debug")
        let access = try #require(objects.first { $0["request_id"] as? String == "serve-json-1" }, "\(replica)")
        #expect(access["message"] as? String == "request")
        #expect(access["route"] as? String == "/v1/tasks")
        #expect(access["status"] as? Int == 200)
        #expect(access["caller"] as? String == "admin")
        #expect(!replica.log.contains(Self.secret))
    }

    @Test func anUnknownFormatOrLevelStopsServe() async throws {
        for (arguments, complaint) in [
            (["--log-format", "xml"], "--log-format must be json or text"),
            (["--log-level", "verbose"], "--log-level must be one of trace, debug"),
        ] {
            let result = try await CLIProcess().run(["serve", "--listen", "127.0.0.1:1"] + arguments)
            #expect(result.status != 0 && result.stderr.contains(complaint), "\(result.stderr)")
        }
    }
}

import Dispatch
import Foundation
import NIOPosix
@testable import OpslineServer
import Testing

/// A hostile workflow document cannot stall the server: a "billion laughs" of YAML aliases, also
/// used as a mapping key (`? *a9`), is refused at once with `422 invalid_workflow`, and the check
/// runs off the threads that answer other requests, within a deadline.
@Suite struct WorkflowPublishCheckTests {
    /// 488 bytes standing for 10⁹ nodes, the last level used as a mapping key, which Yams hashed
    /// in full: before the fix, two of these stopped `/healthz` for minutes.
    static let laughs: String = {
        var lines = ["workflow: laughs", "a0: &a0 [lol]"]
        for level in 1...9 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]")
        }
        return (lines + ["bomb:", "  ? *a9", "  : boom"]).joined(separator: "\n") + "\n"
    }()

    @Test func theBillionLaughsAreRefusedAsAnInvalidWorkflowNamingTheAlias() async throws {
        try await TestServer.make().run { api in
            let started = ContinuousClock.now
            let reply = try await api.put("laughs", Self.laughs)
            #expect(ContinuousClock.now - started < .seconds(30))
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorCode == "invalid_workflow")
            let problem =
                "laughs.yaml:7: the alias '*a4' takes the YAML aliases of this document past 100000 repeated "
                + "nodes; an alias repeats every node of its anchor, so aliases of aliases multiply"
            #expect(reply.object["error"]?["problems"] == .array([.string(problem)]))
            #expect(try await api.send(.get, "/v1/workflows/laughs").status == .notFound)
        }
    }

    @Test func twoConcurrentBombsAreRefusedWhileHealthzKeepsAnswering() async throws {
        let server = try await TestServer.make()
        try await server.runLive(headerTimeout: .seconds(30)) { port in
            let body = Self.laughs
            let request =
                "PUT /v1/workflows/laughs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestServer.adminSecret)\r\n"
                + "Content-Type: application/yaml\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                + body
            try await withThrowingTaskGroup(of: (status: Int, body: String)?.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await RawConnection.with(port: port) { connection in
                            try await connection.send(request)
                            return await connection.readResponse()
                        }
                    }
                }
                for _ in 0..<5 {
                    let started = ContinuousClock.now
                    let health = try await RawConnection.with(port: port, limit: .seconds(30)) { connection in
                        try await connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        return await connection.readResponse()
                    }
                    #expect(health?.status == 200)
                    #expect(ContinuousClock.now - started < .seconds(30), "/healthz waited behind the bombs")
                }
                for try await refused in group {
                    #expect(refused?.status == 422)
                    #expect(
                        refused?.body.contains(#""code":"invalid_workflow""#) == true, "\(String(describing: refused))")
                    #expect(refused?.body.contains("aliases of aliases multiply") == true)
                }
            }
        }
    }

    @Test func blockingWorkIsAnsweredAtTheDeadlineWhileTheWorkGoesOn() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let release = DispatchSemaphore(value: 0)
        let started = ContinuousClock.now
        let late = await BlockingWork.run(within: .milliseconds(200), on: pool) {
            release.wait()
            return 1
        }
        // The work cannot have finished: it waits for `release`. The bound only stops a hung
        // test (a busy machine may wake the deadline seconds late).
        #expect(late == nil)
        #expect(ContinuousClock.now - started < .seconds(60))
        release.signal()
        #expect(await BlockingWork.run(within: .seconds(30), on: pool) { 2 } == 2)
        try await pool.shutdownGracefully()
    }
}

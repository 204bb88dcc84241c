import NIOCore
import Testing

@testable import OpslineClient

@Suite struct NDJSONStreamTests {
    /// Counts how often a stream sends its request.
    actor Requests {
        private(set) var count = 0
        func record() { count += 1 }
    }

    /// A stream over a response body made of `chunks`, ending with `failure` when given.
    func stream<Value: Decodable & Sendable>(
        _ chunks: [String], status: Int = 200, failure: (any Error & Sendable)? = nil,
        requests: Requests = Requests(), of: Value.Type = Value.self
    ) -> NDJSONStream<Value> {
        NDJSONStream(open: { () async throws(ClientError) in
            await requests.record()
            let (body, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
            for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
            continuation.finish(throwing: failure)
            return ResponseChunks(status: status, url: "http://test/v1/tasks", chunks: body)
        })
    }

    @Test func tasksAreDecodedFromABodyCutAnywhere() async throws {
        let body = [
            APILines.minimalTask(id: "CMP-1"), APILines.task, APILines.minimalTask(id: "CMP-3"),
        ]
        .joined(separator: "\n")
        let chunks = stride(from: 0, to: body.count, by: 37).map { start in
            String(Array(body)[start..<min(start + 37, body.count)])
        }
        let tasks = try await stream(chunks, of: TaskLine.self).collect()
        #expect(tasks.map(\.id) == ["CMP-1", "CMP-42", "CMP-3"])
    }

    @Test func theRequestIsSentOnlyWhenIterationStarts() async throws {
        let requests = Requests()
        let lines = stream([APILines.event + "\n"], requests: requests, of: EventLine.self)
        #expect(await requests.count == 0)
        _ = try await lines.collect()
        #expect(await requests.count == 1)
    }

    @Test func anErrorLineMidStreamEndsItWithThatServerError() async throws {
        let lines = stream(
            [
                APILines.minimalTask(id: "CMP-1") + "\n",
                #"{"error":{"code":"unavailable","message":"database gone"}}"# + "\n",
            ],
            of: TaskLine.self)
        var received: [String] = []
        await #expect(
            throws: ClientError.server(
                status: 200, code: "unavailable", message: "database gone", details: [:])
        ) {
            for try await task in lines { received.append(task.id) }
        }
        #expect(received == ["CMP-1"])
    }

    @Test func aLineOfTheWrongShapeIsABadResponseNamingTheMissingMember() async throws {
        let lines = stream([#"{"id":"CMP-1"}"# + "\n"], of: TaskLine.self)
        await #expect {
            _ = try await lines.collect()
        } throws: { error in
            guard case .badResponse(let message) = error as? ClientError else { return false }
            return message.contains("workflow") && message.contains("TaskLine")
        }
    }

    @Test func aBrokenConnectionIsAConnectionErrorNamingTheURL() async throws {
        struct Reset: Error {}
        let lines = stream(
            [APILines.minimalTask(id: "CMP-1") + "\n"], failure: Reset(), of: TaskLine.self)
        await #expect {
            _ = try await lines.collect()
        } throws: { error in
            guard case .connection(let message) = error as? ClientError else { return false }
            return message.contains("http://test/v1/tasks")
        }
    }

    @Test func rawLinesArePassedThroughExactly() async throws {
        let opened: NDJSONStream<String> = NDJSONStream(lines: { () async throws(ClientError) in
            let (body, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
            continuation.yield(ByteBuffer(string: "{ \"id\" : \"CMP-1\" }\r\n{\"id\":"))
            continuation.yield(ByteBuffer(string: "\"CMP-2\",\"new_member\":[1,2]}"))
            continuation.finish()
            return ResponseChunks(status: 200, url: "http://test", chunks: body)
        })
        #expect(
            try await opened.collect() == [
                #"{ "id" : "CMP-1" }"#, #"{"id":"CMP-2","new_member":[1,2]}"#,
            ])
    }

    @Test func iterationEndsAfterAnError() async throws {
        var iterator = stream(
            [APILines.notFound + "\n", APILines.minimalTask(id: "CMP-1") + "\n"], of: TaskLine.self
        )
        .makeAsyncIterator()
        await #expect(throws: ClientError.self) { _ = try await iterator.next() }
        #expect(try await iterator.next() == nil)
    }
}

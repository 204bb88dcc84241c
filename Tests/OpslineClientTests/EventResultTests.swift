import Foundation
import NIOCore
import Testing

@testable import OpslineClient

@Suite struct EventResultTests {
    static let created = #"{"line":1,"status":201,"task":\#(APILines.minimalTask(id: "CMP-7", state: "received"))}"#
    /// As the server writes it: keys sorted, so `error` comes first.
    static let refused =
        #"{"error":{"code":"invalid_transition","from":"received","message":"close is not allowed from received"},"line":3,"status":409}"#
    static let replayed = #"{"line":2,"replayed":true,"status":201,"task":\#(APILines.minimalTask(id: "CMP-7"))}"#

    func decode(_ text: String) throws -> EventResult {
        try EventResult.decode(ByteBuffer(string: text), responseStatus: 200, decoder: JSONDecoder())
    }

    /// A result stream over a response body made of `chunks`.
    func stream(_ chunks: [String], status: Int = 200) -> EventResultStream {
        EventResultStream(open: {
            let (body, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
            for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
            continuation.finish()
            return ResponseChunks(status: status, url: "http://test/v1/events", chunks: body)
        })
    }

    @Test func anAppliedLineCarriesItsTaskAndItsText() throws {
        let result = try decode(Self.created)
        #expect(result.line == 1 && result.status == 201 && result.succeeded && !result.replayed)
        #expect(result.task?.id == "CMP-7" && result.task?.state == "received")
        #expect(result.error == nil)
        #expect(result.text == Self.created)
    }

    @Test func aRefusedLineIsAResultWithItsErrorNotAFailure() throws {
        let result = try decode(Self.refused)
        #expect(result.line == 3 && result.status == 409 && !result.succeeded)
        #expect(
            result.error
                == ErrorLine(
                    code: "invalid_transition", message: "close is not allowed from received",
                    details: ["from": "received"]))
        #expect(result.task == nil)
    }

    @Test func aReplayedLineSaysSo() throws {
        #expect(try decode(Self.replayed).replayed)
    }

    @Test func anErrorLineAboutTheWholeRequestIsAServerError() {
        #expect(throws: ClientError.server(status: 200, code: "not_found", message: "no task CMP-9", details: [:])) {
            try decode(APILines.notFound)
        }
    }

    @Test(arguments: [#"{"line":1}"#, #"{"line":1,"status":201}"#, "[1,2]", "not json"])
    func aLineThatIsNoResultIsABadResponse(text: String) {
        #expect {
            try decode(text)
        } throws: { error in
            guard case .badResponse = error as? ClientError else { return false }
            return true
        }
    }

    @Test func resultsAreDecodedFromABodyCutAnywhereInOrder() async throws {
        let body = [Self.created, Self.replayed, Self.refused].joined(separator: "\n") + "\n"
        let chunks = stride(from: 0, to: body.count, by: 13).map { String(Array(body)[$0..<min($0 + 13, body.count)]) }
        let results = try await stream(chunks).collect()
        #expect(results.map(\.line) == [1, 2, 3])
        #expect(results.map(\.status) == [201, 201, 409])
    }

    @Test func theTableShowsLineStatusAndTaskOrErrorThenACount() throws {
        let text = EventResultView.render([
            try decode(Self.created), try decode(Self.replayed), try decode(Self.refused),
        ])
        #expect(
            text == """
                LINE  STATUS  TASK/ERROR
                   1     201  CMP-7 received
                   2     201  CMP-7 new (replayed)
                   3     409  invalid_transition: close is not allowed from received

                3 lines: 2 applied, 1 failed.

                """)
    }
}

@Suite struct EventStreamLineTests {
    func decode(_ text: String) throws -> EventStreamLine {
        try EventStreamLine.decode(ByteBuffer(string: text), decoder: JSONDecoder())
    }

    @Test func aHeartbeatIsItsOwnCase() throws {
        #expect(try decode(#"{"seq":41,"type":"heartbeat"}"#) == .heartbeat(seq: 41))
    }

    @Test func anEventKeepsItsTextExactly() throws {
        let line = try decode(APILines.event)
        guard case .event(let event, let text) = line else {
            Issue.record("not an event: \(line)")
            return
        }
        #expect(event.seq == 1234 && event.type == "transitioned")
        #expect(text == APILines.event)
        #expect(line.seq == 1234)
    }

    @Test func aCommentThatMentionsHeartbeatsIsStillAnEvent() throws {
        let text =
            #"{"actor":"al","at":"2026-11-22T09:30:00Z","data":{"text":"heartbeat"},"seq":9,"task":"CMP-1","type":"commented"}"#
        #expect(try decode(text).seq == 9)
        guard case .event = try decode(text) else {
            Issue.record("taken for a heartbeat")
            return
        }
    }

    @Test func aLineThatIsNeitherIsABadResponse() {
        #expect {
            try decode(#"{"seq":1,"type":"created"}"#)
        } throws: { error in
            guard case .badResponse = error as? ClientError else { return false }
            return true
        }
    }

    @Test func theFeedPrintsFixedWidthRowsUnderItsHeader() throws {
        guard case .event(let event, _) = try decode(APILines.event) else { return }
        #expect(
            EventFeedView.header == "   SEQ  AT                    TASK        TYPE          ACTOR         DETAIL\n")
        #expect(
            EventFeedView.row(event)
                == "  1234  2026-11-22T09:30:00Z  CMP-42      transitioned  alice         "
                + "acknowledged → investigating (investigate) — Called the customer\n")
    }

    @Test func aLongDetailIsCut() {
        let event = EventLine(
            seq: 1, at: APILines.time("2026-11-22T09:30:00Z"), task: "CMP-1", type: "commented",
            data: ["text": .string(String(repeating: "x", count: 200))])
        let row = EventFeedView.row(event)
        #expect(row.hasSuffix(String(repeating: "x", count: EventFeedView.maximumDetailWidth - 1) + "…\n"))
    }
}

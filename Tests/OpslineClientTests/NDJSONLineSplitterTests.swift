import NIOCore
import Testing

@testable import OpslineClient

@Suite struct NDJSONLineSplitterTests {
    /// Feeds `chunks` in order and returns every line as text.
    func split(_ chunks: [String], maximumLineLength: Int = 1024) throws -> [String] {
        var splitter = NDJSONLineSplitter(maximumLineLength: maximumLineLength)
        var lines: [ByteBuffer] = []
        for chunk in chunks {
            lines += try splitter.append(ByteBuffer(string: chunk))
        }
        lines += splitter.finish().map { [$0] } ?? []
        return lines.map { String(buffer: $0) }
    }

    @Test func aChunkWithSeveralLinesGivesEachLine() throws {
        #expect(try split(["{\"a\":1}\n{\"b\":2}\n"]) == [#"{"a":1}"#, #"{"b":2}"#])
    }

    @Test func aLineSplitAcrossChunksIsJoined() throws {
        #expect(try split(["{\"a\"", ":1}\n{\"b", "\":2}", "\n"]) == [#"{"a":1}"#, #"{"b":2}"#])
    }

    @Test func linesFedOneByteAtATimeComeOutWhole() throws {
        let body = "{\"id\":\"CMP-1\"}\n{\"id\":\"CMP-2\"}\n"
        #expect(try split(body.map { String($0) }) == [#"{"id":"CMP-1"}"#, #"{"id":"CMP-2"}"#])
    }

    @Test func aMultiByteCharacterSplitAcrossChunksSurvives() throws {
        var splitter = NDJSONLineSplitter()
        let bytes = Array("{\"t\":\"Café ☕\"}\n".utf8)
        var lines: [ByteBuffer] = []
        for byte in bytes {
            lines += try splitter.append(ByteBuffer(bytes: [byte]))
        }
        #expect(lines.map { String(buffer: $0) } == [#"{"t":"Café ☕"}"#])
    }

    @Test func aFinalLineWithoutANewlineIsReturnedAtTheEnd() throws {
        #expect(try split(["{\"a\":1}\n{\"b\":2}"]) == [#"{"a":1}"#, #"{"b":2}"#])
    }

    @Test func carriageReturnsBeforeNewlinesAreDropped() throws {
        #expect(
            try split(["{\"a\":1}\r\n{\"b\":2}\r", "\n{\"c\":3}\r\n"]) == [
                #"{"a":1}"#, #"{"b":2}"#, #"{"c":3}"#,
            ])
    }

    @Test func blankLinesAreSkipped() throws {
        #expect(try split(["\n{\"a\":1}\n\n  \r\n{\"b\":2}\n\n"]) == [#"{"a":1}"#, #"{"b":2}"#])
    }

    @Test func anEmptyBodyHasNoLines() throws {
        #expect(try split([]) == [])
        #expect(try split([""]) == [])
    }

    @Test func aLineLongerThanTheLimitIsRefused() {
        #expect(throws: ClientError.self) {
            try split([String(repeating: "x", count: 600), String(repeating: "x", count: 600)])
        }
    }

    @Test func longLinesWithinTheLimitArriveWhole() throws {
        let long = "{\"x\":\"" + String(repeating: "y", count: 100_000) + "\"}"
        let chunks = stride(from: 0, to: long.count, by: 997).map { start in
            String(Array(long)[start..<min(start + 997, long.count)])
        }
        #expect(try split(chunks + ["\n", long], maximumLineLength: 200_000) == [long, long])
    }
}

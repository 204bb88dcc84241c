import Foundation
import OpslineStore
import Testing
import TestSupport
import Workflow

@testable import OpslineServer

/// The event stream writes its lines byte by byte (``EventLine/write(to:)``) rather than through
/// the generic JSON value: what it writes must be exactly what the value writes, escapes and all.
@Suite struct EventLineWriteTests {
    @Test func aWrittenEventLineIsTheLinesJSONValueWritten() async throws {
        let server = try await TestServer.make()
        let task = try await EventStreamTests.createComplaint(in: server, title: "Quote \" and \\ backslash")
        for text in ["plain", "quote \" backslash \\ slash /", "tab\tnew\nline\r\u{1}\u{1F}", "退款 🎫 ünïcode", "last"] {
            _ = try await server.database.tasks.apply(
                .comment(taskID: task.id, text: text), caller: .system("admin"), authorize: .system)
        }
        let events = try await server.database.events.events(
            after: 0, filter: EventFilter(scope: .allTeams), limit: 100)
        #expect(events.count >= 6)
        for event in events {
            let line = EventLine(event: event)
            var written: [UInt8] = []
            line.write(to: &written)
            var generic: [UInt8] = []
            line.json.write(to: &generic)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: generic, as: UTF8.self))
        }
        let comments = events.filter { $0.type == "commented" }.compactMap { event -> String? in
            var written: [UInt8] = []
            EventLine(event: event).write(to: &written)
            guard case .object(let line)? = try? JSONValue.parse(String(decoding: written, as: UTF8.self)),
                case .object(let data)? = line["data"], case .string(let text)? = data["text"]
            else { return nil }
            return text
        }
        #expect(comments.last == "last", "every comment reads back as written")
        #expect(comments.contains("tab\tnew\nline\r\u{1}\u{1F}"))
        #expect(comments.contains("退款 🎫 ünïcode"))
    }
}

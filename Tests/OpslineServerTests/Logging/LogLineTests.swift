import Foundation
import Logging
import Testing

@testable import OpslineServer

/// `--log-format json|text`: one line per entry, whatever the message holds.
@Suite struct LogLineTests {
    static let line = LogLine(
        timestamp: Date(timeIntervalSince1970: 1_796_317_268.123_9), level: .warning, label: "opsline",
        message: "first line\nsecond \"quoted\" line\twith a tab \u{1b}[31m",
        metadata: [
            "hb.request.id": "req-1", "status": .stringConvertible(503), "duration_ms": .stringConvertible(12.5),
            "route": "/v1/tasks/{id}", "message": "a clashing key", "teams": .array(["a", "b"]),
            "completed": .stringConvertible(false),
        ],
        source: "OpslineServer")

    @Test func aJSONEntryIsOneLineOfOneObject() throws {
        let text = Self.line.rendered(.json)
        #expect(text.hasSuffix("}\n"))
        #expect(text.dropLast().split(separator: "\n").count == 1, "\(text)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["timestamp"] as? String == "2026-12-03T17:01:08.123Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "opsline")
        #expect(object["message"] as? String == "first line\nsecond \"quoted\" line\twith a tab \u{1b}[31m")
        #expect(object["source"] as? String == "OpslineServer")
        #expect(object["request_id"] as? String == "req-1")
        #expect(object["hb.request.id"] == nil)
        #expect(object["status"] as? Int == 503)
        #expect(object["duration_ms"] as? Double == 12.5)
        #expect(object["completed"] as? Bool == false)
        #expect(object["route"] as? String == "/v1/tasks/{id}")
        #expect(object["meta.message"] as? String == "a clashing key")
        #expect(object["teams"] as? [String] == ["a", "b"])
        // The fixed fields first, in this order.
        #expect(
            text.hasPrefix(#"{"timestamp":"2026-12-03T17:01:08.123Z","level":"warning","label":"opsline","message":"#))
    }

    @Test func aTextEntryIsOneLineToo() {
        let text = Self.line.rendered(.text)
        #expect(text.dropLast().split(separator: "\n").count == 1, "\(text)")
        #expect(text.hasPrefix(#"2026-12-03T17:01:08.123Z warning opsline: first line\nsecond "quoted" line\twith"#))
        #expect(text.contains(" request_id=req-1 "))
        #expect(text.contains(#" meta.message="a clashing key""#))
        #expect(text.contains(" route=/v1/tasks/{id}"))
        #expect(text.contains(#"\u001b[31m"#))
    }

    @Test func theHandlerWritesWholeLinesFromItsLevelUp() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(path)
        }
        let output = LogOutput(descriptor: descriptor)
        var logger = Logger(label: "opsline") {
            LineLogHandler(label: $0, format: .json, level: .notice, output: output)
        }
        logger[metadataKey: "actor"] = "mia"
        logger.info("not written")
        logger.notice("written\nonce", metadata: ["team": "support"])
        logger.error("and this")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2, "\(lines)")
        let first = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(first["message"] == "written\nonce")
        #expect(first["actor"] == "mia")
        #expect(first["team"] == "support")
        #expect(first["level"] == "notice")
    }

    @Test func levelsAreNamedAsTheFlagTakesThem() {
        #expect(Logger.Level(name: "WARNING") == .warning)
        #expect(Logger.Level(name: "trace") == .trace)
        #expect(Logger.Level(name: "verbose") == nil)
    }
}

import Foundation
import Testing
import Workflow

@testable import OpslineClient

@Suite struct TaskLineTests {
    func decode(_ line: String) throws -> TaskLine {
        try JSONDecoder().decode(TaskLine.self, from: Data(line.utf8))
    }

    @Test func theTaskLineOfTheAPIContractDecodes() throws {
        let task = try decode(APILines.task)
        #expect(task.id == "CMP-42")
        #expect(task.workflow == "complaint-escalation")
        #expect(task.workflowVersion == 1)
        #expect(task.state == "investigating")
        #expect(task.title == "Refund not received")
        #expect(task.priority == "p1")
        #expect(task.team == "support")
        #expect(task.assignee == "alice")
        #expect(task.fields == ["customer": "ACME", "severity": "p1"])
        #expect(task.parent == nil)
        #expect(task.version == 4)
        #expect(task.createdAt == APILines.time("2026-11-22T08:00:00Z"))
        #expect(task.updatedAt == APILines.time("2026-11-22T09:30:00Z"))
        #expect(task.closedAt == nil)
    }

    @Test func aSingleTaskLineListsItsChildrenAndAListLineDoesNot() throws {
        let parent = try decode(
            APILines.minimalTask(id: "LCH-1").replacingOccurrences(
                of: #""fields":{}"#, with: #""fields":{},"children":["RDY-1","RDY-2"]"#))
        #expect(parent.children == ["RDY-1", "RDY-2"])
        #expect(try decode(APILines.task).children == nil)
        let encoded = String(decoding: try JSONEncoder().encode(parent), as: UTF8.self)
        #expect(encoded.contains(#""children":["RDY-1","RDY-2"]"#))
    }

    @Test func theSLAClocksOfTheAPIContractDecode() throws {
        let sla = try #require(try decode(APILines.task).sla)
        #expect(
            sla == [
                SLAStatus(
                    policy: "first_response", state: "met",
                    dueAt: APILines.time("2026-11-22T09:00:00Z"),
                    stoppedAt: APILines.time("2026-11-22T08:20:00Z")),
                SLAStatus(
                    policy: "resolution", state: "running",
                    dueAt: APILines.time("2026-11-23T08:00:00Z"),
                    remainingSeconds: 12345, escalationLevel: 0),
            ])
    }

    @Test func optionalMembersMayBeMissing() throws {
        let task = try decode(APILines.minimalTask(id: "CMP-1"))
        #expect(task.team == nil)
        #expect(task.assignee == nil)
        #expect(task.sla == nil)
        #expect(task.fields.isEmpty)
    }

    @Test func timesWithFractionalSecondsDecode() throws {
        let line = APILines.minimalTask(id: "CMP-1")
            .replacingOccurrences(
                of: "\"updated_at\":\"2026-11-22T08:00:00Z\"",
                with: "\"updated_at\":\"2026-11-22T08:00:00.250Z\"")
        let task = try decode(line)
        #expect(task.updatedAt == APILines.time("2026-11-22T08:00:00Z").addingTimeInterval(0.25))
    }

    @Test func aTimeThatIsNotRFC3339IsRefused() {
        let line = APILines.minimalTask(id: "CMP-1").replacingOccurrences(
            of: "2026-11-22T08:00:00Z", with: "yesterday")
        #expect(throws: DecodingError.self) { try decode(line) }
    }

    @Test func encodingWritesTheAPIsKeysAndTimes() throws {
        let task = try decode(APILines.task)
        let encoded = try JSONEncoder().encode(task)
        let json = try JSONDecoder().decode(JSONValue.self, from: encoded)
        #expect(json["workflow_version"] == 1)
        #expect(json["created_at"] == "2026-11-22T08:00:00Z")
        #expect(
            json["sla"] == [
                [
                    "policy": "first_response", "state": "met", "due_at": "2026-11-22T09:00:00Z",
                    "stopped_at": "2026-11-22T08:20:00Z",
                ],
                [
                    "policy": "resolution", "state": "running", "due_at": "2026-11-23T08:00:00Z",
                    "remaining_s": 12345, "escalation_level": 0,
                ],
            ])
        #expect(try JSONDecoder().decode(TaskLine.self, from: encoded) == task)
    }
}

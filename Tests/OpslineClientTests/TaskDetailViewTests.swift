import Foundation
import Testing

@testable import OpslineClient

@Suite struct TaskDetailViewTests {
    let task = try! JSONDecoder().decode(TaskLine.self, from: Data(APILines.task.utf8))

    @Test func aTaskShowsItsAttributesFieldsAndClocks() {
        #expect(
            TaskDetailView.render(task) == """
                ID:        CMP-42
                Title:     Refund not received
                Workflow:  complaint-escalation (v1)
                State:     investigating
                Priority:  p1
                Team:      support
                Assignee:  alice
                Parent:    -
                Version:   4
                Created:   2026-11-22T08:00:00Z
                Updated:   2026-11-22T09:30:00Z
                Closed:    -
                Fields:
                  customer:  ACME
                  severity:  p1
                SLA:
                  POLICY          STATE    LEFT (WORKING)  DUE (UTC)             DETAIL
                  first_response  met                   -  2026-11-22T09:00:00Z  stopped 2026-11-22T08:20:00Z
                  resolution      running           3h25m  2026-11-23T08:00:00Z

                """)
    }

    @Test func theHistoryFollowsTheTask() throws {
        let event = try JSONDecoder().decode(EventLine.self, from: Data(APILines.event.utf8))
        let text = TaskDetailView.render(task, history: [event])
        #expect(
            text.hasSuffix(
                """
                History:
                   SEQ  AT                    TYPE          ACTOR  DETAIL
                  1234  2026-11-22T09:30:00Z  transitioned  alice  acknowledged → investigating (investigate) — Called the customer

                """))
    }

    @Test func aTaskWithoutFieldsOrClocksSaysSo() throws {
        let bare = try JSONDecoder().decode(
            TaskLine.self, from: Data(APILines.minimalTask(id: "CMP-7").utf8))
        let text = TaskDetailView.render(bare, history: [])
        #expect(text.contains("Fields: -\n"))
        #expect(!text.contains("SLA:"))
        #expect(text.hasSuffix("History:\n  No events.\n"))
    }

    @Test func aParentListsItsChildrenAfterItsFields() {
        var parent = task
        parent.children = ["RDY-1", "RDY-2"]
        #expect(TaskDetailView.render(parent).contains("  severity:  p1\nChildren:\n  RDY-1\n  RDY-2\nSLA:\n"))
        #expect(!TaskDetailView.render(task).contains("Children:"), "a task without children shows none")
    }

    @Test func durationsUseAtMostTwoUnits() {
        #expect(DisplayText.duration(seconds: 45) == "45s")
        #expect(DisplayText.duration(seconds: 1800) == "30m")
        #expect(DisplayText.duration(seconds: 12345) == "3h25m")
        #expect(DisplayText.duration(seconds: 100_800) == "1d4h")
        #expect(DisplayText.duration(seconds: 0) == "0s")
    }
}

import Foundation
import Testing

@testable import OpslineClient

@Suite struct TaskListViewTests {
    @Test func aTaskListShowsTheAgreedColumnsAligned() throws {
        let tasks = try [APILines.task, APILines.minimalTask(id: "CMP-7")].map {
            try JSONDecoder().decode(TaskLine.self, from: Data($0.utf8))
        }
        #expect(
            TaskListView.render(tasks) == """
                ID      STATE          TITLE                TEAM     ASSIGNEE  PRIORITY  UPDATED
                CMP-42  investigating  Refund not received  support  alice     p1        2026-11-22T09:30:00Z
                CMP-7   new            Task CMP-7           -        -         -         2026-11-22T08:00:00Z

                """)
    }

    @Test func anEmptyListSaysSo() {
        #expect(TaskListView.render([]) == "No tasks found.\n")
    }
}

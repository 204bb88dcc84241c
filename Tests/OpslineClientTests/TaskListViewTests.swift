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
                ID      STATE          TITLE                TEAM     ASSIGNEE  PRIORITY  SLA LEFT (WORKING)  DUE (UTC)             UPDATED
                CMP-42  investigating  Refund not received  support  alice     p1                     3h25m  2026-11-23T08:00:00Z  2026-11-22T09:30:00Z
                CMP-7   new            Task CMP-7           -        -         -                          -  -                     2026-11-22T08:00:00Z

                """)
    }

    /// Working time left and the wall-clock deadline are two columns, each labelled: the
    /// deadline's in the time zone the times are shown in.
    @Test func theSLAColumnsSayWhichIsWorkingTimeAndWhichIsLocalTime() throws {
        let task = try JSONDecoder().decode(TaskLine.self, from: Data(APILines.task.utf8))
        let shanghai = Presentation(timeZone: try #require(TimeZone(identifier: "Asia/Shanghai")))
        let text = Presentation.$current.withValue(shanghai) { TaskListView.render([task]) }
        #expect(text.hasPrefix("ID"))
        #expect(text.contains("SLA LEFT (WORKING)  DUE (LOCAL)"), "\(text)")
        #expect(text.contains("3h25m  2026-11-23T16:00:00+08:00  2026-11-22T17:30:00+08:00"), "\(text)")
    }

    @Test func theMostUrgentRunningClockIsTheOneShown() throws {
        var task = try JSONDecoder().decode(TaskLine.self, from: Data(APILines.task.utf8))
        task.sla?.append(SLAStatus(policy: "callback", state: "breached", remainingSeconds: -600))
        #expect(TaskListView.row(task)[6] == "overdue 10m")
    }

    @Test func anEmptyListSaysSo() {
        #expect(TaskListView.render([]) == "No tasks found.\n")
    }
}

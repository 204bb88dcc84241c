import Foundation
import TestSupport
import Testing
@testable import Workflow

@Suite struct TaskListTests {
    @Test func listsStreamOldestFirstWithFiltersLimitAndResume() async throws {
        try await TestServer.make().run { api in
            var ids: [String] = []
            for index in 1...5 { ids.append(try await api.createComplaint(title: "complaint \(index)")) }
            _ = try await api.move(ids[1], "acknowledge")
            _ = try await api.move(ids[3], "acknowledge")

            let all = try await api.send(.get, "/v1/tasks")
            #expect(all.lines.compactMap { $0["id"]?.stringValue } == ids)
            let acknowledged = try await api.send(.get, "/v1/tasks?state=acknowledged")
            #expect(acknowledged.lines.compactMap { $0["id"]?.stringValue } == [ids[1], ids[3]])
            let firstTwo = try await api.send(.get, "/v1/tasks?limit=2")
            #expect(firstTwo.lines.compactMap { $0["id"]?.stringValue } == Array(ids[0..<2]))
            let rest = try await api.send(.get, "/v1/tasks?after=\(ids[1])")
            #expect(rest.lines.compactMap { $0["id"]?.stringValue } == Array(ids[2...]))
            #expect(try await api.send(.get, "/v1/tasks?team=nobody").lines.isEmpty)
            #expect(try await api.send(.get, "/v1/tasks?limit=zero").errorCode == "bad_request")
        }
    }

    @Test func listsLongerThanOnePageStreamCompletely() async throws {
        try await TestServer.make().run { api in
            let body = (1...450).map {
                #"{"workflow":"complaint-escalation","title":"bulk \#($0)","fields":{"customer":"C"}}"#
            }.joined(separator: "\n")
            #expect(try await api.send(.post, "/v1/tasks", body: body).status == .created)
            let all = try await api.send(.get, "/v1/tasks")
            #expect(all.lines.count == 450)
            let numbers = all.lines.compactMap { $0["id"]?.stringValue?.split(separator: "-").last }.compactMap {
                Int($0)
            }
            #expect(numbers == Array(1...450))
        }
    }

    /// A clock whose target passed is breached even when the task stops before the scheduler
    /// looked; `breached=true` lists exactly such tasks.
    @Test func theBreachedFilterListsTasksWithABreachedClock() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(
            source: """
                workflow: quick-check
                key: QCK
                team: support
                calendar: 24x7
                states:
                  open: {initial: true}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done}
                slas:
                  response: {start: created, stop: {enter: [done]}, target: 10s}
                """, file: "quick-check.yaml")
        try await server.run { api in
            let create = #"{"workflow":"quick-check","title":"check"}"#
            let late = try #require(try await api.send(.post, "/v1/tasks", body: create).object["id"]?.stringValue)
            let onTime = try #require(try await api.send(.post, "/v1/tasks", body: create).object["id"]?.stringValue)
            _ = try await api.move(onTime, "finish")
            await time.advance(by: .seconds(10))
            let finished = try await api.move(late, "finish")
            #expect(finished.object["sla"]?.arrayValue?.first?["state"] == "breached")
            let breached = try await api.send(.get, "/v1/tasks?workflow=quick-check&breached=true").lines
            #expect(breached.map { $0["id"]?.stringValue } == [late])
            let kept = try await api.send(.get, "/v1/tasks?workflow=quick-check&breached=false").lines
            #expect(kept.map { $0["id"]?.stringValue } == [onTime])
        }
    }
}

import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

/// An SLA escalation that hands a task to another team keeps the team it leaves watching: its
/// members still see the task, in lists and on its own, and finish it; other teams still do not.
@Suite struct WatchingTeamTests {
    /// A readiness item of team `qa` whose clock escalates to `launch-managers` at 2 s.
    static let workflow = """
        workflow: qa-item
        key: QAI
        team: qa
        calendar: 24x7
        fields:
          evidence: {type: text}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          complete: {from: open, to: done, require: [evidence]}
        slas:
          readiness:
            start: created
            stop: {enter: [done]}
            target: 2s
            escalate:
              - {after: 0, team: launch-managers}
        """

    @Test func aReadinessItemEscalatedToTheManagersCanStillBeCompletedByItsQAMember() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: Self.workflow, file: "qa-item.yaml")
        let quinn = try await server.mintPerson(.member, teams: ["qa"], name: "quinn")
        let sam = try await server.mintPerson(.member, teams: ["sales"], name: "sam")
        let lena = try await server.mintPerson(.manager, teams: ["launch-managers"], name: "lena")
        try await RunningScheduler.with(server.database, time: time) { running in
            try await server.run { api in
                let created = try await api.send(
                    .post, "/v1/tasks", body: #"{"workflow":"qa-item","title":"QA sign-off"}"#, token: quinn)
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.object["id"]?.stringValue)
                #expect(
                    try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"assignee":"quinn"}"#, token: quinn).status
                        == .ok)

                await running.advance(by: .seconds(2))
                let escalated = try await running.until({ try await api.task(id) }) { $0["team"] == "launch-managers" }
                #expect(escalated["watching_teams"] == ["qa"])
                #expect(escalated["assignee"] == "quinn", "the person doing the work keeps it")

                // quinn sees it, lists it, follows its events, and completes it.
                #expect(try await api.send(.get, "/v1/tasks/\(id)", token: quinn).status == .ok)
                #expect(try await api.ids("/v1/tasks?workflow=qa-item", token: quinn) == [id])
                let events = try await api.send(.get, "/v1/events?task=\(id)", token: quinn).lines
                #expect(events.contains { $0["type"] == "assigned" && $0["data"]?["team"]?["to"] == "launch-managers" })
                // The managers own it now, and see it too.
                #expect(try await api.ids("/v1/tasks?workflow=qa-item", token: lena) == [id])
                // Another team still does not.
                #expect(try await api.send(.get, "/v1/tasks/\(id)", token: sam).status == .notFound)

                let completed = try await api.send(
                    .post, "/v1/tasks/\(id)/transitions",
                    body: #"{"transition":"complete","fields":{"evidence":"QA report 42"}}"#, token: quinn)
                #expect(completed.status == .ok, "\(completed.text)")
                #expect(completed.object["state"] == "done")
                let done = try await api.send(.get, "/v1/events?task=\(id)&type=transitioned", token: quinn).lines
                #expect(done.count == 1)
            }
        }
    }

    /// A person's hand-over is not an escalation: the team a task is moved away from by hand
    /// keeps no access.
    @Test func aTeamChangeByHandLeavesNoWatchingTeam() async throws {
        let server = try await TestServer.make()
        try await server.database.workflows.publish(source: Self.workflow, file: "qa-item.yaml")
        try await server.addTeams("launch-managers")
        let quinn = try await server.mintPerson(.member, teams: ["qa"], name: "quinn")
        try await server.run { api in
            let id = try #require(
                try await api.send(.post, "/v1/tasks", body: #"{"workflow":"qa-item","title":"QA sign-off"}"#)
                    .object["id"]?.stringValue)
            let moved = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"team":"launch-managers"}"#)
            #expect(moved.object["watching_teams"] == [])
            #expect(try await api.send(.get, "/v1/tasks/\(id)", token: quinn).status == .notFound)
        }
    }
}

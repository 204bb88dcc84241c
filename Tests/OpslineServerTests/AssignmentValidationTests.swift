import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// A task's team must be a team and its assignee an active manager or member of the task's team
/// (or nobody), through every entry: `POST /v1/tasks`, `PATCH`, `POST /v1/events`. A refusal is
/// `422 validation_failed` naming the field; a batch's other lines are still applied. An SLA
/// escalation that hands a task to another team unassigns it when its assignee is not in that
/// team, and says so in the event.
@Suite struct AssignmentValidationTests {
    /// `alice` and `bob` are members of support, `vic` a viewer there, `dan` a disabled member,
    /// `bea` a member of billing only.
    static func withPeople(
        time: TestTime? = nil, _ body: @Sendable (TestServer, APIClient) async throws -> Void
    )
        async throws
    {
        let server = try await TestServer.make(time: time)
        try await server.addUser("alice", ["support": .member])
        try await server.addUser("bob", ["support": .member, "support-l2": .member])
        try await server.addUser("vic", ["support": .viewer])
        try await server.addUser("dan", ["support": .member])
        _ = try await server.database.people.setDisabled("dan", true)
        try await server.addUser("bea", ["billing": .member])
        try await server.run { api in try await body(server, api) }
    }

    static func complaint(_ extra: String) -> String {
        #"{"workflow":"complaint-escalation","title":"Refund","fields":{"customer":"ACME"}\#(extra)}"#
    }

    /// The problem the 422 names for `field`, or nil.
    static func problem(_ reply: APIClient.Reply, _ field: String) -> String? {
        reply.object["error"]?["fields"]?[field]?.stringValue
    }

    @Test func creatingATaskChecksItsTeamAndAssignee() async throws {
        try await Self.withPeople { _, api in
            let cases: [(extra: String, field: String, says: String)] = [
                (#","team":"nosuchteam""#, "team", "names no team: 'nosuchteam'"),
                (#","assignee":"typo""#, "assignee", "names no user: 'typo'"),
                (#","assignee":"dan""#, "assignee", "'dan' is disabled"),
                (#","assignee":"vic""#, "assignee", "viewer"),
                (#","assignee":"bea""#, "assignee", "'bea' is not a member of team support"),
                (#","team":"billing","assignee":"alice""#, "assignee", "'alice' is not a member of team billing"),
            ]
            for (extra, field, says) in cases {
                let reply = try await api.send(.post, "/v1/tasks", body: Self.complaint(extra))
                #expect(reply.status.code == 422 && reply.errorCode == "validation_failed", "\(extra): \(reply.text)")
                #expect(Self.problem(reply, field)?.contains(says) == true, "\(extra): \(reply.text)")
            }
            #expect(try await api.send(.get, "/v1/tasks").lines.isEmpty, "nothing was created")
            let assigned = try await api.send(.post, "/v1/tasks", body: Self.complaint(#","assignee":"alice""#))
            #expect(assigned.status == .created && assigned.object["assignee"] == "alice")
            let empty = try await api.send(.post, "/v1/tasks", body: Self.complaint(#","assignee":"""#))
            #expect(empty.status == .created && empty.object["assignee"] == .null, "an empty assignee is nobody")
            let billing = try await api.send(
                .post, "/v1/tasks", body: Self.complaint(#","team":"billing","assignee":"bea""#))
            #expect(billing.status == .created, "\(billing.text)")
        }
    }

    @Test func changingATaskChecksItsTeamAndAssignee() async throws {
        try await Self.withPeople { _, api in
            let id = try await api.createComplaint()
            let start = try #require(try await api.task(id)["version"]?.intValue)
            func patch(_ body: String) async throws -> APIClient.Reply {
                try await api.send(.patch, "/v1/tasks/\(id)", body: body)
            }
            #expect(Self.problem(try await patch(#"{"team":"nosuchteam"}"#), "team") == "names no team: 'nosuchteam'")
            #expect(Self.problem(try await patch(#"{"assignee":"typo"}"#), "assignee") == "names no user: 'typo'")
            #expect(Self.problem(try await patch(#"{"assignee":"dan"}"#), "assignee") == "'dan' is disabled")
            #expect(try await patch(#"{"assignee":"alice"}"#).object["assignee"] == "alice")
            let moved = try await patch(#"{"team":"billing"}"#)
            #expect(moved.status.code == 422, "alice is not in billing: \(moved.text)")
            #expect(Self.problem(moved, "assignee")?.contains("'alice' is not a member of team billing") == true)
            let handedOver = try await patch(#"{"team":"billing","assignee":null}"#)
            #expect(
                handedOver.status == .ok && handedOver.object["team"] == "billing"
                    && handedOver.object["assignee"] == .null)
            #expect(try await patch(#"{"assignee":"bea"}"#).object["assignee"] == "bea")
            #expect(try await patch(#"{"assignee":""}"#).object["assignee"] == .null, "an empty assignee unassigns")
            #expect(try await api.task(id)["version"]?.intValue == start + 4, "each refusal changed nothing")
        }
    }

    @Test func aBatchRefusesItsBadLinesAndAppliesTheOthers() async throws {
        try await Self.withPeople { _, api in
            let id = try await api.createComplaint()
            let body = [
                #"{"op":"create","workflow":"complaint-escalation","title":"a","fields":{"customer":"C"},"team":"nosuchteam"}"#,
                #"{"op":"create","workflow":"complaint-escalation","title":"b","fields":{"customer":"C"},"assignee":"bob"}"#,
                #"{"op":"assign","task":"\#(id)","assignee":"typo"}"#,
                #"{"op":"assign","task":"\#(id)","assignee":"alice"}"#,
                #"{"op":"update","task":"\#(id)","team":"nosuchteam"}"#,
                #"{"op":"assign","task":"\#(id)","team":"support-l2"}"#,
                #"{"op":"assign","task":"\#(id)","team":"support-l2","assignee":"bob"}"#,
            ].joined(separator: "\n")
            let reply = try await api.send(.post, "/v1/events", body: body)
            #expect(reply.lines.map { $0["status"] } == [422, 201, 422, 200, 422, 422, 200], "\(reply.text)")
            let fields = reply.lines.map { $0["error"]?["fields"]?.objectValue.map { Array($0.keys) } ?? [] }
            #expect(fields == [["team"], [], ["assignee"], [], ["team"], ["assignee"], []])
            let task = try await api.task(id)
            #expect(task["team"] == "support-l2" && task["assignee"] == "bob")
        }
    }

    /// The drill's clock breaches at 2 s and escalates to `support-l2`: support keeps watching
    /// the task, so alice, not in support-l2, keeps her task and can finish it; bob, who is in
    /// both, keeps his.
    @Test func anEscalationToAnotherTeamKeepsTheAssigneeWhoseTeamNowWatches() async throws {
        let time = TestTime()
        try await Self.withPeople(time: time) { server, api in
            try await server.database.workflows.publish(
                source: SLADrill.workflow(named: "sla-drill", key: "DRL"), file: "sla-drill.yaml")
            let alice = try await server.mintPersonal("alice")
            try await RunningScheduler.with(server.database, time: time) { running in
                let alices = try #require(
                    try await api.send(
                        .post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"a","assignee":"alice"}"#
                    )
                    .object["id"]?.stringValue)
                let bobs = try #require(
                    try await api.send(
                        .post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"b","assignee":"bob"}"#
                    )
                    .object["id"]?.stringValue)
                await running.advance(by: .seconds(2))
                let escalated = try await running.until({ try await api.task(alices) }) { $0["team"] == "support-l2" }
                #expect(escalated["assignee"] == "alice")
                #expect(escalated["watching_teams"] == ["support"])
                let assigned = try #require(
                    try await api.send(.get, "/v1/tasks/\(alices)/events").lines.first { $0["type"] == "assigned" })
                #expect(assigned["data"]?["team"] == ["from": "support", "to": "support-l2"])
                #expect(assigned["data"]?["watching_teams"] == ["from": [], "to": ["support"]])
                #expect(assigned["data"]?["assignee"] == nil, "nobody was unassigned: \(assigned)")
                let kept = try await running.until({ try await api.task(bobs) }) { $0["team"] == "support-l2" }
                #expect(kept["assignee"] == "bob")

                // alice still sees and finishes her task, and lists it.
                #expect(try await api.ids("/v1/tasks?workflow=sla-drill", token: alice).contains(alices))
                let finished = try await api.send(
                    .post, "/v1/tasks/\(alices)/transitions", body: #"{"transition":"finish"}"#, token: alice)
                #expect(finished.status == .ok, "\(finished.text)")
                #expect(
                    try await api.send(.get, "/v1/tasks/\(alices)/events").lines.allSatisfy {
                        $0["type"] != "escalation_failed"
                    })
            }
        }
    }
}

import Foundation
import HTTPTypes
import TestSupport
import Testing
import Workflow

/// `POST /v1/tasks/next`: the most urgent unassigned open task of the caller's teams, taken
/// atomically.
@Suite struct NextTaskTests {
    @Test func eightMembersAtOnceTakeEightDifferentTasksAndTheNinthFindsNone() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        var members: [String: String] = [:]
        for index in 1...8 {
            members["m\(index)"] = try await server.mintPerson(.member, teams: ["support"], name: "m\(index)")
        }
        let ninth = try await server.mintPerson(.member, teams: ["support"], name: "m9")
        try await server.run { [members] api in
            var ids: [String] = []
            for index in 1...8 { ids.append(try await api.createQueueTask("task \(index)")) }
            _ = try await api.createQueueTask("someone's", extra: #","assignee":"alice""#)
            _ = try await api.createQueueTask("billing's", extra: #","team":"billing""#)

            let taken = try await withThrowingTaskGroup(of: (String, APIClient.Reply).self) { group in
                for (name, token) in members {
                    group.addTask { (name, try await api.send(.post, "/v1/tasks/next", token: token)) }
                }
                return try await group.reduce(into: [String: APIClient.Reply]()) { $0[$1.0] = $1.1 }
            }
            #expect(taken.values.allSatisfy { $0.status == .ok }, "\(taken.values.map(\.text))")
            let byTaker = taken.mapValues { $0.object["id"]?.stringValue ?? "" }
            #expect(Set(byTaker.values) == Set(ids), "each task exactly once: \(byTaker)")
            for (name, reply) in taken { #expect(reply.object["assignee"]?.stringValue == name) }

            let none = try await api.send(.post, "/v1/tasks/next", token: ninth)
            #expect(none.status == .noContent)
            #expect(none.text.isEmpty)

            // Each taking is an assignment by its taker, as the history shows.
            for (name, id) in byTaker {
                let history = try await api.send(.get, "/v1/tasks/\(id)/events").lines
                let assigned = history.filter { $0["type"] == "assigned" }
                #expect(assigned.count == 1)
                #expect(assigned.first?["actor"]?.stringValue == name)
                #expect(assigned.first?["data"]?["assignee"]?["to"]?.stringValue == name)
            }
        }
    }

    @Test func theMostUrgentTaskIsTakenFirst() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        let member = try await server.mintPersonal("alice")
        try await server.run { api in
            let relaxed = try await api.createQueueTask("relaxed", fields: #"{"severity":"p3"}"#)
            let paused = try await api.createQueueTask("paused", fields: #"{"severity":"p1"}"#)
            try await api.moveOK(paused, "wait")
            let urgent = try await api.createQueueTask("urgent", fields: #"{"severity":"p1"}"#)
            let middling = try await api.createQueueTask("middling", fields: #"{"severity":"p2"}"#)
            var order: [String] = []
            while true {
                let reply = try await api.send(.post, "/v1/tasks/next", token: member)
                guard reply.status == .ok, let id = reply.object["id"]?.stringValue else {
                    #expect(reply.status == .noContent)
                    break
                }
                order.append(id)
            }
            #expect(order == [urgent, middling, relaxed, paused])
            #expect(try await api.ids("/v1/tasks?assignee=me&open=true&sort=due", token: member) == order)
        }
    }

    @Test func theQueueCanBeNarrowedAndAViewerMayNotTake() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        let member = try await server.mintPerson(.member, teams: ["support", "billing"], name: "ada")
        let viewer = try await server.mintPerson(.viewer, teams: ["support"], name: "vera")
        let service = try await server.mint(.member, teams: ["support"], name: "intake")
        let outsider = try await server.mintPerson(.member, teams: ["billing"], name: "olga")
        try await server.run { api in
            let support = try await api.createQueueTask("support's")
            let billing = try await api.createQueueTask("billing's", extra: #","team":"billing""#)

            let refused = try await api.send(.post, "/v1/tasks/next", token: viewer)
            #expect(refused.status == .forbidden)
            let notAPerson = try await api.send(.post, "/v1/tasks/next", token: service)
            #expect(notAPerson.status == .forbidden)
            #expect(notAPerson.text.contains("personal token"))
            #expect(try await api.task(support)["assignee"] == .null)

            let fromBilling = try await api.send(.post, "/v1/tasks/next", body: #"{"team":"billing"}"#, token: member)
            #expect(fromBilling.object["id"]?.stringValue == billing)
            #expect(try await api.send(.post, "/v1/tasks/next", token: outsider).status == .noContent)
            let otherWorkflow = try await api.send(
                .post, "/v1/tasks/next", body: #"{"workflow":"complaint-escalation"}"#, token: member)
            #expect(otherWorkflow.status == .noContent)
            let unknownKey = try await api.send(.post, "/v1/tasks/next", body: #"{"teem":"x"}"#, token: member)
            #expect(unknownKey.status == .badRequest)
            #expect(unknownKey.object["error"]?["field"]?.stringValue == "teem")
        }
    }

    @Test func aRetryWithTheSameIdempotencyKeyReplaysTheTaskTaken() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        let member = try await server.mintPersonal("alice")
        try await server.run { api in
            let first = try await api.createQueueTask("first")
            let second = try await api.createQueueTask("second")
            let replayed = HTTPField.Name("Idempotent-Replayed")!

            let taken = try await api.send(.post, "/v1/tasks/next", token: member, idempotencyKey: "take-1")
            #expect(taken.object["id"]?.stringValue == first)
            let again = try await api.send(.post, "/v1/tasks/next", token: member, idempotencyKey: "take-1")
            #expect(again.status == .ok)
            #expect(again.object["id"]?.stringValue == first)
            #expect(again.headers[replayed] == "true")
            #expect(try await api.task(second)["assignee"] == .null, "the retry took nothing more")

            // Nothing found claims no key: the same key takes a task once there is one.
            let next = try await api.send(.post, "/v1/tasks/next", token: member, idempotencyKey: "take-2")
            #expect(next.object["id"]?.stringValue == second)
            let empty = try await api.send(.post, "/v1/tasks/next", token: member, idempotencyKey: "take-3")
            #expect(empty.status == .noContent)
            let third = try await api.createQueueTask("third")
            let later = try await api.send(.post, "/v1/tasks/next", token: member, idempotencyKey: "take-3")
            #expect(later.object["id"]?.stringValue == third)
        }
    }
}

import Foundation
import Testing
@testable import Workflow

@Suite struct TaskRoutesTests {
    @Test func aComplaintMovesThroughItsStatesAndKeepsItsHistory() async throws {
        try await TestServer.make().run { api in
            let id = try await api.createComplaint()
            #expect(id.hasPrefix("CMP-"))
            let acknowledged = try await api.move(id, "acknowledge")
            #expect(acknowledged.status == .ok)
            #expect(acknowledged.object["state"] == "acknowledged")
            #expect(acknowledged.object["version"] == 2)
            let investigating = try await api.move(id, "investigate", extra: #","note":"calling the courier""#)
            #expect(investigating.object["state"] == "investigating")

            let task = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(task.status == .ok)
            #expect(task.object["fields"]?["customer"] == "ACME")
            #expect(task.object["fields"]?["severity"] == "p3", "defaults are applied")
            #expect(task.object["team"] == "support", "the workflow's team owns the task")
            #expect(task.object["closed_at"] == .null)

            let history = try await api.send(.get, "/v1/tasks/\(id)/events")
            #expect(
                history.lines.map { $0["type"]?.stringValue } == [
                    "created", "sla_started", "sla_started", "transitioned", "sla_met", "transitioned",
                ])
            #expect(history.lines.last?["data"]?["note"] == "calling the courier")
            #expect(history.lines.last?["actor"] == "admin")
            let seqs = history.lines.compactMap { $0["seq"]?.intValue }
            #expect(seqs == seqs.sorted() && Set(seqs).count == 6)
            #expect(history.headers[.contentType] == "application/x-ndjson")
        }
    }

    @Test func aStaleExpectedVersionIsAConflictThatChangesNothing() async throws {
        try await TestServer.make().run { api in
            let id = try await api.createComplaint()
            _ = try await api.move(id, "acknowledge")
            let stale = try await api.move(id, "investigate", extra: #","expected_version":1"#)
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "version_conflict")
            #expect(stale.object["error"]?["current_version"] == 2)
            let task = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(task.object["state"] == "acknowledged")
            let fresh = try await api.move(id, "investigate", extra: #","expected_version":2"#)
            #expect(fresh.status == .ok)
        }
    }

    @Test func transitionsTheWorkflowDoesNotAllowAreRefused() async throws {
        try await TestServer.make().run { api in
            let id = try await api.createComplaint()
            let unknown = try await api.move(id, "teleport")
            #expect(unknown.status == .conflict)
            #expect(unknown.errorCode == "invalid_transition")
            let wrongState = try await api.move(id, "close")
            #expect(wrongState.status == .conflict)
            #expect(wrongState.errorCode == "invalid_transition")
            let history = try await api.send(.get, "/v1/tasks/\(id)/events")
            #expect(
                history.lines.map { $0["type"]?.stringValue } == ["created", "sla_started", "sla_started"],
                "refused moves leave no event")
        }
    }

    @Test func aMistypedTransitionNamesTheNearestOneAndTheAllowedOnes() async throws {
        try await TestServer.make().run { api in
            let id = try await api.createComplaint()
            _ = try await api.move(id, "investigate")
            let typo = try await api.move(id, "resolv")
            #expect(typo.status == .conflict)
            #expect(typo.errorCode == "invalid_transition")
            let error = try #require(typo.object["error"])
            #expect(error["suggestion"] == "resolve")
            #expect(error["state"] == "investigating")
            #expect(error["allowed"] == ["ask_customer", "resolve", "request_goods"])
            #expect(error["message"]?.stringValue?.contains("did you mean 'resolve'?") == true, "\(error)")

            let wrongState = try await api.move(id, "close")
            let refused = try #require(wrongState.object["error"])
            #expect(refused["allowed_from"] == ["resolved"])
            #expect(refused["allowed"] == ["ask_customer", "resolve", "request_goods"])
            #expect(refused["suggestion"] == nil, "a name the workflow has needs no suggestion")
        }
    }

    @Test func missingFieldsAreValidationAndGuardFailures() async throws {
        try await TestServer.make().run { api in
            let noCustomer = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"complaint-escalation","title":"No customer"}"#)
            #expect(noCustomer.status == .unprocessableContent)
            #expect(noCustomer.errorCode == "validation_failed")
            #expect(noCustomer.object["error"]?["fields"]?["customer"] != nil)

            let id = try await api.createComplaint()
            _ = try await api.move(id, "investigate")
            let noResolution = try await api.move(id, "resolve")
            #expect(noResolution.status == .unprocessableContent)
            #expect(noResolution.errorCode == "guard_failed")
            #expect(noResolution.object["error"]?["missing_fields"] == ["resolution"])
            let resolved = try await api.move(id, "resolve", extra: #","fields":{"resolution":"refunded"}"#)
            #expect(resolved.object["state"] == "resolved")
            let badScore = try await api.move(id, "close", extra: #","fields":{"satisfaction":9}"#)
            #expect(badScore.errorCode == "validation_failed")
            let closed = try await api.move(id, "close", extra: #","fields":{"satisfaction":5}"#)
            #expect(closed.object["state"] == "closed")
            #expect(closed.object["closed_at"]?.stringValue != nil)
        }
    }

    @Test func unknownTasksAndWorkflowsAreNotFound() async throws {
        try await TestServer.make().run { api in
            #expect(try await api.send(.get, "/v1/tasks/CMP-999").errorCode == "not_found")
            #expect(try await api.move("CMP-999", "acknowledge").status == .notFound)
            let workflow = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"nope","title":"x"}"#)
            #expect(workflow.status == .notFound)
        }
    }

    @Test func onlyTheParentsTeamMayHangChildrenUnderIt() async throws {
        let server = try await TestServer.make()
        let outsider = try await server.mint(.member, teams: ["billing"])
        let insider = try await server.mint(.member, teams: ["support", "billing"])
        try await server.run { api in
            let parent = try await api.createComplaint(title: "Duplicate charge")
            let child =
                #"{"workflow":"complaint-escalation","title":"Refund","team":"billing","parent":"\#(parent)","fields":{"customer":"ACME"}}"#
            // The outsider does not see the parent: it is no task to it, as if it did not exist.
            let refused = try await api.send(.post, "/v1/tasks", body: child, token: outsider)
            #expect(refused.status == .badRequest)
            #expect(refused.object["error"]?["message"]?.stringValue == "parent: no task \(parent)", "\(refused.text)")
            #expect(try await api.send(.get, "/v1/tasks/\(parent)").object["children"] == [])
            let accepted = try await api.send(.post, "/v1/tasks", body: child, token: insider)
            #expect(accepted.status == .created)
            #expect(try await api.send(.get, "/v1/tasks/\(parent)").object["children"]?.arrayValue?.count == 1)
        }
    }
}

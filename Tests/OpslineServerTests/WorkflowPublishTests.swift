import Foundation
import HTTPTypes
import OpslineStore
import Testing
@testable import Workflow

@Suite("Publishing workflows with PUT /v1/workflows/{name}")
struct WorkflowPublishTests {
    @Test func aNewWorkflowIsCreatedAtVersionOne() async throws {
        try await TestServer.make().run { api in
            let created = try await api.put("help-desk", HelpDeskFixture.version1)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.object["name"] == "help-desk")
            #expect(created.object["version"] == 1)
            #expect(created.object["changed"] == true)
            #expect(created.object["key"] == "HLP")
            let id = try await api.createTicket("Printer on fire")
            #expect(id == "HLP-1")
        }
    }

    @Test func anUnchangedDocumentKeepsItsVersionAndAChangedOneBecomesTheNext() async throws {
        try await TestServer.make().run { api in
            _ = try await api.put("help-desk", HelpDeskFixture.version1)
            let same = try await api.put("help-desk", HelpDeskFixture.version1)
            #expect(same.status == .ok)
            #expect(same.object["changed"] == false)
            #expect(same.object["version"] == 1)

            let changed = try await api.put("help-desk", HelpDeskFixture.version2)
            #expect(changed.status == .created)
            #expect(changed.object["changed"] == true)
            #expect(changed.object["version"] == 2)
            #expect(changed.object["checksum"] != same.object["checksum"])

            let again = try await api.put("help-desk", HelpDeskFixture.version2)
            #expect(again.status == .ok)
            #expect(again.object["version"] == 2)
        }
    }

    @Test func theShippedFilePublishedAgainChangesNothing() async throws {
        let source = try String(
            contentsOf: TestServer.repositoryRoot.appendingPathComponent("workflows/complaint-escalation.yaml"),
            encoding: .utf8)
        try await TestServer.make().run { api in
            let reply = try await api.put("complaint-escalation", source, contentType: "text/yaml; charset=utf-8")
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.object["changed"] == false)
            #expect(reply.object["version"] == 1)
        }
    }

    @Test func runningTasksStayOnTheVersionTheyStartedWith() async throws {
        try await TestServer.make().run { api in
            _ = try await api.put("help-desk", HelpDeskFixture.version1)
            let old = try await api.createTicket("before the change")
            #expect(try await api.put("help-desk", HelpDeskFixture.version2).object["version"] == 2)
            let new = try await api.createTicket("after the change")

            let oldTask = try await api.send(.get, "/v1/tasks/\(old)").object
            #expect(oldTask["workflow_version"] == 1)
            let newTask = try await api.send(.get, "/v1/tasks/\(new)").object
            #expect(newTask["workflow_version"] == 2)

            // Version 1 closes only answered tickets and answers only with an answer.
            let closeOld = try await api.move(old, "close")
            #expect(closeOld.status == .conflict, "\(closeOld.text)")
            #expect(closeOld.errorCode == "invalid_transition")
            let answerOld = try await api.move(old, "answer")
            #expect(answerOld.errorCode == "guard_failed")
            #expect(answerOld.object["error"]?["missing_fields"] == ["answer"])
            // Version 2 closes an open ticket.
            let closeNew = try await api.move(new, "close")
            #expect(closeNew.status == .ok, "\(closeNew.text)")
            #expect(closeNew.object["state"] == "closed")
            #expect(closeNew.object["workflow_version"] == 2)
            // The old ticket still moves by version 1's rules.
            let answered = try await api.move(old, "answer", extra: #","fields":{"answer":"rebooted it"}"#)
            #expect(answered.object["state"] == "answered")
            #expect(answered.object["workflow_version"] == 1)
        }
    }

    @Test func aJSONDocumentIsTheSameWorkflow() async throws {
        try await TestServer.make().run { api in
            let created = try await api.put("help-desk", HelpDeskFixture.json, contentType: "application/json")
            #expect(created.status == .created, "\(created.text)")
            let definition = try await api.send(.get, "/v1/workflows/help-desk").object
            #expect(definition["states"]?.arrayValue?.count == 3)
            #expect(try await api.createTicket("from JSON") == "HLP-1")

            let notJSON = try await api.put("help-desk", "workflow: help-desk", contentType: "application/json")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.errorCode == "bad_request")
        }
    }

    @Test func onlyAdminsMayPublish() async throws {
        let server = try await TestServer.make()
        var secrets: [Role: String] = [:]
        for role in [Role.manager, .member, .service, .viewer] {
            secrets[role] = try await server.mint(role, teams: ["support"])
        }
        let tokens = secrets
        try await server.run { api in
            for (role, secret) in tokens.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let reply = try await api.put("help-desk", HelpDeskFixture.version1, token: secret)
                #expect(reply.status == .forbidden, "\(role): \(reply.text)")
                #expect(reply.errorCode == "forbidden")
            }
            #expect(try await api.put("help-desk", HelpDeskFixture.version1, token: nil).status == .unauthorized)
            #expect(try await api.send(.get, "/v1/workflows/help-desk").status == .notFound, "nothing was published")
        }
    }

    @Test func aDocumentNamingAnotherWorkflowIsABadRequest() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.put("service-desk", HelpDeskFixture.version1)
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == "bad_request")
            #expect(reply.object["error"]?["message"]?.stringValue?.contains("'help-desk'") == true)
        }
    }

    @Test func aDocumentThatDoesNotLoadIsRefusedWithFileAndLine() async throws {
        let typo = HelpDeskFixture.version1.replacingOccurrences(
            of: "close:  {from: answered, to: closed}", with: "close:  {from: answered, to: closd}")
        try await TestServer.make().run { api in
            let reply = try await api.put("help-desk", typo)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorCode == "invalid_workflow")
            #expect(
                reply.object["error"]?["problems"]
                    == ["help-desk.yaml:15: transition 'close' goes to unknown state 'closd'"], "\(reply.text)")

            let broken = try await api.put("help-desk", "workflow: help-desk\nkey: [HLP\n")
            #expect(broken.errorCode == "invalid_workflow")
            #expect(
                broken.object["error"]?["problems"]?.arrayValue?.first?.stringValue?.hasPrefix("help-desk.yaml:")
                    == true)
            #expect(try await api.send(.get, "/v1/workflows/help-desk").status == .notFound)
        }
    }

    /// The answer keeps its form: `problems` lists every problem as `file:line: message`.
    @Test func everyProblemOfTheDocumentItselfIsListed() async throws {
        let broken = HelpDeskFixture.version1
            .replacingOccurrences(of: "answer:  {type: text}", with: "answer:  {type: txt}")
            .replacingOccurrences(of: "reopen: {from: answered, to: open}", with: "reopen: {from: answerd, to: open}")
            .replacingOccurrences(
                of: "close:  {from: answered, to: closed}", with: "close:  {from: answered, to: closd}")
        try await TestServer.make().run { api in
            let reply = try await api.put("help-desk", broken)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorCode == "invalid_workflow")
            #expect(
                reply.object["error"]?["message"] == "the workflow document has 3 problems, listed in 'problems'",
                "\(reply.text)")
            let problems = reply.object["error"]?["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(problems.count == 3, "\(reply.text)")
            #expect(problems.first?.hasPrefix("help-desk.yaml:7: field 'answer': 'type' is unknown type 'txt'") == true)
            #expect(
                problems.dropFirst()
                    == [
                        "help-desk.yaml:14: transition 'reopen' comes from unknown state 'answerd'",
                        "help-desk.yaml:15: transition 'close' goes to unknown state 'closd'",
                    ], "\(reply.text)")
        }
    }

    @Test func everyProblemWithThePublishedWorkflowsIsListed() async throws {
        let lonely = """
            workflow: help-desk
            key: CMP
            team: support
            calendar: office-hours
            states:
              open:
                initial: true
                on_enter: {spawn: [{workflow: nowhere, title: Gone}]}
              closed: {final: true}
            transitions:
              close: {from: open, to: closed}
            """
        try await TestServer.make().run { api in
            let reply = try await api.put("help-desk", lonely)
            #expect(reply.status == .unprocessableContent)
            let problems = reply.object["error"]?["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(problems.count == 3, "\(reply.text)")
            #expect(
                problems.contains {
                    $0.hasPrefix("help-desk.yaml:2: key 'CMP' is already used by workflow 'complaint-escalation'")
                })
            #expect(problems.contains { $0.hasPrefix("help-desk.yaml:4: calendar 'office-hours' is not defined") })
            #expect(problems.contains("help-desk.yaml:8: state 'open' spawns unknown workflow 'nowhere'"))
        }
    }

    @Test func aSpawnedWorkflowMustBePublishedFirst() async throws {
        let parent = """
            workflow: onboarding
            key: ONB
            team: support
            states:
              preparing:
                initial: true
                on_enter: {spawn: [{workflow: help-desk, title: Laptop, fields: {summary: laptop}}]}
              done: {final: true}
            transitions:
              finish: {from: preparing, to: done, children: done}
            """
        try await TestServer.make().run { api in
            #expect(try await api.put("onboarding", parent).errorCode == "invalid_workflow")
            #expect(try await api.put("help-desk", HelpDeskFixture.version1).status == .created)
            let published = try await api.put("onboarding", parent)
            #expect(published.status == .created, "\(published.text)")
            // A child version its parent's spawns no longer fit is refused, naming the parent.
            let stricter = HelpDeskFixture.version1.replacingOccurrences(
                of: "answer:  {type: text}", with: "answer:  {type: text}\n  owner:   {type: user, required: true}")
            let refused = try await api.put("help-desk", stricter)
            #expect(refused.errorCode == "invalid_workflow", "\(refused.text)")
            #expect(refused.text.contains("onboarding@v1:7:") && refused.text.contains("'owner'"), "\(refused.text)")
        }
    }

    @Test func otherContentTypesAreRefused() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.put("help-desk", HelpDeskFixture.version1, contentType: "text/plain")
            #expect(reply.status == .unsupportedMediaType)
            #expect(reply.errorCode == "unsupported_media_type")
        }
    }
}

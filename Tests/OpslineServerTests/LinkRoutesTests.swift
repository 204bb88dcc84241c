import Foundation
import HTTPTypes
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// Links between tasks through the API: made from one task, shown on both (a `caused_by` reads
/// `causes` from the other side), recorded in both histories, never to a task the caller cannot
/// see; and made by a spawn that says `link:`.
@Suite struct LinkRoutesTests {
    @Test func aLinkIsShownBothWaysAndRecordedOnBothTasks() async throws {
        try await TestServer.make().run { api in
            let complaint = try await api.createComplaint(title: "Kettle leaks")
            let improvement = try await api.createComplaint(title: "Seal the kettle lid")
            let made = try await api.send(
                .post, "/v1/tasks/\(improvement)/links", body: #"{"type":"caused_by","task":"\#(complaint)"}"#)
            #expect(made.status == .created, "\(made.text)")
            #expect(made.object["version"] == 1, "a link is no new version")
            let again = try await api.send(
                .post, "/v1/tasks/\(improvement)/links", body: #"{"type":"caused_by","task":"\#(complaint)"}"#)
            #expect(again.status == .created)

            let fromImprovement = try await api.send(.get, "/v1/tasks/\(improvement)")
            #expect(fromImprovement.object["links"]?.jsonText.contains(#""type":"caused_by""#) == true)
            let fromComplaint = try await api.send(.get, "/v1/tasks/\(complaint)/links")
            #expect(fromComplaint.lines.count == 1, "made once: \(fromComplaint.text)")
            #expect(
                fromComplaint.lines.first?["type"] == "causes"
                    && fromComplaint.lines.first?["task"] == .string(improvement))

            for (id, seen) in [(improvement, "caused_by"), (complaint, "causes")] {
                let events = try await api.send(.get, "/v1/tasks/\(id)/events").lines.filter { $0["type"] == "linked" }
                #expect(events.count == 1 && events.first?["data"]?["link"] == .string(seen), "\(id): \(events)")
            }

            let removed = try await api.send(
                .delete, "/v1/tasks/\(complaint)/links?type=relates_to&task=\(improvement)")
            #expect(removed.status == .ok)
            #expect(
                try await api.send(.get, "/v1/tasks/\(complaint)/links").lines.count == 1, "another type: still there")
            _ = try await api.send(.delete, "/v1/tasks/\(improvement)/links?type=caused_by&task=\(complaint)")
            #expect(try await api.send(.get, "/v1/tasks/\(complaint)/links").lines.isEmpty)
        }
    }

    @Test func relatesToIsOneLinkWhicheverTaskItIsMadeFrom() async throws {
        try await TestServer.make().run { api in
            let first = try await api.createComplaint()
            let second = try await api.createComplaint()
            _ = try await api.send(
                .post, "/v1/tasks/\(second)/links", body: #"{"type":"relates_to","task":"\#(first)"}"#)
            _ = try await api.send(
                .post, "/v1/tasks/\(first)/links", body: #"{"type":"relates_to","task":"\#(second)"}"#)
            #expect(try await api.send(.get, "/v1/tasks/\(first)/links").lines.count == 1)
            let fromSecond = try await api.send(.get, "/v1/tasks/\(second)/links").lines
            #expect(
                fromSecond.count == 1 && fromSecond.first?["type"] == "relates_to"
                    && fromSecond.first?["task"] == .string(first))
        }
    }

    @Test func aTaskTheCallerCannotSeeIsNoTaskToLinkAndNoLinkToShow() async throws {
        let server = try await TestServer.make()
        let member = try await server.mint(.member, teams: ["support"])
        let viewer = try await server.mint(.viewer, teams: ["support"])
        try await server.run { api in
            let own = try await api.createComplaint()
            #expect(try await api.send(.post, "/v1/teams", body: #"{"name":"billing"}"#).status == .created)
            let other = try await api.send(
                .post, "/v1/tasks",
                body:
                    #"{"workflow":"complaint-escalation","title":"Billing","team":"billing","fields":{"customer":"A"}}"#
            )
            let billing = try #require(other.object["id"]?.stringValue, "\(other.text)")
            let hidden = try await api.send(
                .post, "/v1/tasks/\(own)/links", body: #"{"type":"relates_to","task":"\#(billing)"}"#, token: member)
            #expect(hidden.status == .badRequest, "\(hidden.text)")
            #expect(hidden.text.contains("task: no task \(billing)"), "\(hidden.text)")
            // The admin links them; the member sees the task's links to its own team's tasks only.
            _ = try await api.send(
                .post, "/v1/tasks/\(own)/links", body: #"{"type":"relates_to","task":"\#(billing)"}"#)
            #expect(try await api.send(.get, "/v1/tasks/\(own)/links", token: member).lines.isEmpty)
            #expect(try await api.send(.get, "/v1/tasks/\(own)/links").lines.count == 1)

            let viewerLink = try await api.send(
                .post, "/v1/tasks/\(own)/links", body: #"{"type":"relates_to","task":"\#(own)"}"#, token: viewer)
            #expect(viewerLink.status == .forbidden, "\(viewerLink.text)")
            let itself = try await api.send(
                .post, "/v1/tasks/\(own)/links", body: #"{"type":"relates_to","task":"\#(own)"}"#)
            #expect(itself.status == .unprocessableContent, "\(itself.text)")
            let badType = try await api.send(
                .post, "/v1/tasks/\(own)/links", body: #"{"type":"causes","task":"\#(billing)"}"#)
            #expect(
                badType.status == .unprocessableContent && badType.text.contains("relates_to or caused_by"),
                "\(badType.text)")
        }
    }

    @Test func aSpawnThatSaysLinkLinksTheChildToItsParent() async throws {
        let workflow = """
            workflow: risk-demo
            key: RSD
            team: support
            states:
              open: {initial: true}
              materialised:
                on_enter:
                  spawn:
                    - {workflow: complaint-escalation, title: "Incident", fields: {customer: Internal}, link: caused_by}
              closed: {final: true}
            transitions:
              materialise: {from: open, to: materialised}
              close: {from: materialised, to: closed}
            """
        try await TestServer.make().run { api in
            #expect(try await api.put("risk-demo", workflow).status == .created)
            let created = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"risk-demo","title":"Supplier fails"}"#)
            let risk = try #require(created.object["id"]?.stringValue, "\(created.text)")
            #expect(try await api.move(risk, "materialise").status == .ok)
            let links = try await api.send(.get, "/v1/tasks/\(risk)/links").lines
            #expect(links.count == 1 && links.first?["type"] == "causes", "\(links)")
            let incident = try #require(links.first?["task"]?.stringValue)
            let child = try await api.send(.get, "/v1/tasks/\(incident)")
            #expect(child.object["parent"] == .string(risk))
            #expect(child.object["links"]?.jsonText.contains(#""type":"caused_by""#) == true, "\(child.text)")
        }
    }
}

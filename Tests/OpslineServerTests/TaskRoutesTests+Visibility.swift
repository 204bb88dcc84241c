import Foundation
import HTTPTypes
import Testing
import Workflow

/// What a token may see of tasks: another team's task is no task to it.
extension TaskRoutesTests {
    /// Reading or acting on a task of a team the token is not in answers exactly what a task
    /// that does not exist answers, so ids cannot be probed; a task the token sees but its role
    /// may not change is still 403.
    @Test func anotherTeamsTaskAnswersExactlyLikeAMissingOne() async throws {
        let server = try await TestServer.make()
        let billingManager = try await server.mint(.manager, teams: ["billing"])
        let supportViewer = try await server.mint(.viewer, teams: ["support"])
        try await server.run { api in
            let id = try await api.createComplaint()
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.get, "", nil), (.get, "/events", nil), (.patch, "", #"{"title":"mine now"}"#),
                (.post, "/transitions", #"{"transition":"acknowledge"}"#), (.post, "/comments", #"{"text":"hello"}"#),
            ]
            for (method, suffix, body) in requests {
                let foreign = try await api.send(method, "/v1/tasks/\(id)\(suffix)", body: body, token: billingManager)
                let missing = try await api.send(
                    method, "/v1/tasks/CMP-999\(suffix)", body: body, token: billingManager)
                #expect(foreign.status == .notFound, "\(method) \(suffix): \(foreign.text)")
                #expect(
                    foreign.text == missing.text.replacingOccurrences(of: "CMP-999", with: id),
                    "\(method) \(suffix): \(foreign.text) vs \(missing.text)")
            }
            // Seen but not allowed: the role is the reason, and it may be said.
            let viewer = try await api.send(
                .post, "/v1/tasks/\(id)/transitions", body: #"{"transition":"acknowledge"}"#, token: supportViewer)
            #expect(viewer.status == .forbidden)
            #expect(viewer.errorCode == "forbidden")
            let unchanged = try await api.send(.get, "/v1/tasks/\(id)")
            #expect(unchanged.object["version"] == 1, "nothing was applied")
        }
    }

    /// A parent's `children` lists only the children the caller may see: a child owned by
    /// another team is not named to a token outside it.
    @Test func aParentListsOnlyTheChildrenTheCallerMaySee() async throws {
        let server = try await TestServer.make()
        let supportViewer = try await server.mint(.viewer, teams: ["support"])
        let billingViewer = try await server.mint(.viewer, teams: ["billing"])
        try await server.run { api in
            let parent = try await api.createComplaint(title: "parent")
            var children: [String] = []
            for team in ["support", "billing"] {
                let child = try await api.send(
                    .post, "/v1/tasks",
                    body: #"""
                        {"workflow":"complaint-escalation","title":"\#(team)'s child","fields":{"customer":"C"},"team":"\#(team)","parent":"\#(parent)"}
                        """#)
                #expect(child.status == .created, "\(child.text)")
                children.append(try #require(child.object["id"]?.stringValue))
            }
            let admin = try await api.send(.get, "/v1/tasks/\(parent)")
            #expect(admin.object["children"] == .array(children.map(JSONValue.string)))
            let support = try await api.send(.get, "/v1/tasks/\(parent)", token: supportViewer)
            #expect(support.object["children"] == [.string(children[0])], "\(support.text)")
            #expect(!support.text.contains(children[1]), "billing's child is named to support")
            // Billing sees its child, not the parent.
            let child = try await api.send(.get, "/v1/tasks/\(children[1])", token: billingViewer)
            #expect(child.status == .ok)
            #expect(try await api.send(.get, "/v1/tasks/\(parent)", token: billingViewer).status == .notFound)
        }
    }
}

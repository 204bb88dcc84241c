import Foundation
import Hummingbird
import OpslineStore
import Testing
import Workflow

/// Every role, in and out of the task's team, against every endpoint: the API contract's roles
/// (`admin` everything; `manager` everything on their teams' tasks; `member` create, move and read
/// their teams' tasks; `service` post events, that is create and move them, and read them;
/// `viewer` read them; tokens for admins only).
///
/// The complaint workflow's tasks belong to `support`. A token "in the team" is in `support`; one
/// "in another team" is in `billing`, which owns one task of its own for the visibility checks.
@Suite struct RoleMatrixTests {
    /// Whether the token under test is in the team of the task it acts on.
    enum Membership: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case ownTeam, otherTeam

        var teams: [String] { self == .ownTeam ? ["support"] : ["billing"] }
        var testDescription: String { rawValue }
    }

    /// What the contract lets a role do to a task of one of its teams.
    enum TaskAction: CaseIterable {
        case create, read, transition
    }

    /// Services "post events": a transition is one of the commands `POST /v1/events` takes, so
    /// they may move tasks through `/transitions` too.
    static func roleAllows(_ role: Role, _ action: TaskAction) -> Bool {
        switch role {
        case .admin, .manager, .member, .service: true
        case .viewer: action == .read
        }
    }

    /// The status the contract promises for `action` on a `support` task.
    static func expected(
        _ role: Role, _ membership: Membership, _ action: TaskAction, success: HTTPResponse.Status
    )
        -> HTTPResponse.Status
    {
        guard roleAllows(role, action) else { return .forbidden }
        return role == .admin || membership == .ownTeam ? success : .forbidden
    }

    @Test(arguments: Role.allCases, Membership.allCases)
    func everyEndpointAnswersAsTheContractSays(role: Role, membership: Membership) async throws {
        let server = try await TestServer.make()
        let secret = try await server.mint(role, teams: membership.teams, name: "probe")
        let victim = try await server.database.tokens.create(name: "victim", role: .viewer, teams: ["support"]).token
        try await server.run { api in
            let supportTask = try await api.createComplaint(title: "support's")
            let billing = try await api.send(
                .post, "/v1/tasks",
                body:
                    #"{"workflow":"complaint-escalation","title":"billing's","team":"billing","fields":{"customer":"B"}}"#
            )
            let billingTask = try #require(billing.object["id"]?.stringValue, "\(billing.text)")
            let context = "\(role.rawValue), \(membership.rawValue)"

            func check(
                _ method: HTTPRequest.Method, _ path: String, body: String? = nil, _ status: HTTPResponse.Status
            ) async throws -> APIClient.Reply {
                let reply = try await api.send(method, path, body: body, token: secret)
                #expect(reply.status == status, "\(context): \(method) \(path) → \(reply.text)")
                if status == .forbidden { #expect(reply.errorCode == "forbidden", "\(context): \(method) \(path)") }
                return reply
            }

            // Tasks.
            _ = try await check(
                .post, "/v1/tasks",
                body: #"{"workflow":"complaint-escalation","title":"new","fields":{"customer":"C"}}"#,
                Self.expected(role, membership, .create, success: .created))
            let listed = try await check(.get, "/v1/tasks", .ok)
            let visible = Set(listed.lines.compactMap { $0["team"]?.stringValue })
            let visibleTeams: Set<String> = role == .admin ? ["support", "billing"] : Set(membership.teams)
            #expect(visible == visibleTeams, "\(context): non-admins see only their teams' tasks")
            _ = try await check(.get, "/v1/tasks/\(supportTask)", Self.expected(role, membership, .read, success: .ok))
            _ = try await check(
                .get, "/v1/tasks/\(billingTask)",
                Self.expected(role, membership == .ownTeam ? .otherTeam : .ownTeam, .read, success: .ok))
            _ = try await check(
                .get, "/v1/tasks/\(supportTask)/events", Self.expected(role, membership, .read, success: .ok))
            _ = try await check(
                .post, "/v1/tasks/\(supportTask)/transitions", body: #"{"transition":"acknowledge"}"#,
                Self.expected(role, membership, .transition, success: .ok))
            _ = try await check(.get, "/v1/tasks/CMP-999", .notFound)

            // Tokens: admins only, whatever their teams.
            let tokens: (HTTPResponse.Status) -> HTTPResponse.Status = { role == .admin ? $0 : .forbidden }
            _ = try await check(
                .post, "/v1/tokens", body: #"{"name":"made","role":"viewer","teams":["support"]}"#, tokens(.created))
            _ = try await check(.get, "/v1/tokens", tokens(.ok))
            _ = try await check(.delete, "/v1/tokens/tok_unknown", tokens(.notFound))
            _ = try await check(.delete, "/v1/tokens/\(victim.id)", tokens(.ok))

            // Anyone may ask who they are.
            let me = try await check(.get, "/v1/me", .ok)
            #expect(me.object["name"] == "probe")
            #expect(me.object["role"]?.stringValue == role.rawValue)
            #expect(me.object["teams"] == .array(membership.teams.map(JSONValue.string)))
        }
    }
}

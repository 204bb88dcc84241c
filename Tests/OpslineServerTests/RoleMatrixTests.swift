import Foundation
import Hummingbird
import OpslineStore
import Testing
import Workflow

/// Every role, in and out of the task's team, against every endpoint: the roles of docs/api.md
/// (`admin` everything; `manager` everything on their teams' tasks, reassigning included; `member`
/// create, change, comment, move and read their teams' tasks; `service` post events, which are the
/// same commands, and read; `viewer` read their teams' tasks; tokens and workflows for admins
/// only). Another team's task is no task to a token: `404`, exactly as for one that does not
/// exist; a task the token sees but its role may not touch is `403`.
///
/// The complaint workflow's tasks belong to `support`. A token "in the team" is in `support`; one
/// "in another team" is in `billing`, which owns one task of its own for the visibility checks.
/// The tokens here are service tokens (one role over their teams); `PeopleRoleMatrixTests` has
/// personal tokens, whose roles differ from team to team.
@Suite struct RoleMatrixTests {
    /// Whether the token under test is in the team of the task it acts on.
    enum Membership: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case ownTeam, otherTeam

        var teams: [String] { self == .ownTeam ? ["support"] : ["billing"] }
        var other: Membership { self == .ownTeam ? .otherTeam : .ownTeam }
        var testDescription: String { rawValue }
    }

    /// What docs/api.md lets a role do to a task of one of its teams.
    enum TaskAction {
        case create, read, change, reassign
    }

    /// Services "post events": creating, moving, changing and commenting are the commands
    /// `POST /v1/events` takes, so they may use the task endpoints for them too. Giving a task to
    /// someone else is managers' work.
    static func roleAllows(_ role: Role, _ action: TaskAction) -> Bool {
        switch (role, action) {
        case (.admin, _), (.manager, _): true
        case (.member, .reassign), (.service, .reassign): false
        case (.member, _), (.service, _): true
        case (.viewer, let action): action == .read
        }
    }

    /// The status docs/api.md promises for `action` on a task of `support`: 404 when the token
    /// does not see the task's team (whatever its role), else 403 unless its role allows `action`.
    static func expected(
        _ role: Role, _ membership: Membership, _ action: TaskAction, _ success: HTTPResponse.Status
    ) -> HTTPResponse.Status {
        guard role == .admin || membership == .ownTeam else { return .notFound }
        return roleAllows(role, action) ? success : .forbidden
    }

    /// The status docs/api.md promises for creating a task of `support`: the caller names the
    /// team, no task is hidden, so another team is 403.
    static func expectedCreate(_ role: Role, _ membership: Membership) -> HTTPResponse.Status {
        guard roleAllows(role, .create) else { return .forbidden }
        return role == .admin || membership == .ownTeam ? .created : .forbidden
    }

    @Test(arguments: Role.allCases, Membership.allCases)
    func taskEndpointsFollowRoleAndTeam(role: Role, membership: Membership) async throws {
        try await Probe.run(role, membership) { probe in
            let (support, billing) = (probe.supportTask, probe.billingTask)
            _ = try await probe.check(
                .post, "/v1/tasks",
                body: #"{"workflow":"complaint-escalation","title":"new","fields":{"customer":"C"}}"#,
                Self.expectedCreate(role, membership))
            let listed = try await probe.check(.get, "/v1/tasks", .ok)
            #expect(
                Set(listed.lines.compactMap { $0["team"]?.stringValue }) == probe.visibleTeams,
                "\(probe.context): non-admins see only their teams' tasks")
            _ = try await probe.check(.get, "/v1/tasks/\(support)", Self.expected(role, membership, .read, .ok))
            _ = try await probe.check(.get, "/v1/tasks/\(billing)", Self.expected(role, membership.other, .read, .ok))
            _ = try await probe.check(.get, "/v1/tasks/\(support)/events", Self.expected(role, membership, .read, .ok))
            _ = try await probe.check(
                .post, "/v1/tasks/\(support)/transitions", body: #"{"transition":"acknowledge"}"#,
                Self.expected(role, membership, .change, .ok))
            // Unknown tasks and workflows are 404 for everyone: nothing to hide, nothing to refuse.
            _ = try await probe.check(.get, "/v1/tasks/CMP-999", .notFound)
            _ = try await probe.check(
                .post, "/v1/tasks/CMP-999/transitions", body: #"{"transition":"acknowledge"}"#, .notFound)
            _ = try await probe.check(.post, "/v1/tasks", body: #"{"workflow":"nope","title":"x"}"#, .notFound)
            // A child under a parent the token does not see: as for a parent that does not exist.
            let child = #"{"workflow":"complaint-escalation","title":"c","fields":{"customer":"C"},"parent":"#
            let hiddenParent: HTTPResponse.Status =
                role == .admin ? .created : membership == .ownTeam ? .badRequest : .forbidden
            let hidden = try await probe.check(.post, "/v1/tasks", body: child + #""\#(billing)"}"#, hiddenParent)
            let missing = try await probe.api.send(
                .post, "/v1/tasks", body: child + #""CMP-999"}"#, token: probe.secret)
            if hidden.status == .badRequest {
                #expect(
                    hidden.object["error"]?["message"]?.stringValue == "parent: no task \(billing)", "\(probe.context)")
                #expect(missing.status == .badRequest && missing.errorCode == hidden.errorCode, "\(probe.context)")
            }
        }
    }

    @Test(arguments: Role.allCases, Membership.allCases)
    func changesCommentsAndTheEventAPIFollowRoleAndTeam(role: Role, membership: Membership) async throws {
        try await Probe.run(role, membership) { probe in
            let support = probe.supportTask
            _ = try await probe.check(
                .patch, "/v1/tasks/\(support)", body: #"{"fields":{"severity":"p1"}}"#,
                Self.expected(role, membership, .change, .ok))
            _ = try await probe.check(
                .patch, "/v1/tasks/\(support)", body: #"{"assignee":"probe"}"#,
                Self.expected(role, membership, .change, .ok))
            _ = try await probe.check(
                .patch, "/v1/tasks/\(support)", body: #"{"assignee":"someone-else"}"#,
                Self.expected(role, membership, .reassign, .ok))
            _ = try await probe.check(
                .post, "/v1/tasks/\(support)/comments", body: #"{"text":"called the customer"}"#,
                Self.expected(role, membership, .change, .created))

            // Handing a task to another team needs that team too: only admins are in every team.
            // (A support token does not see billing's task at all.)
            _ = try await probe.check(
                .patch, "/v1/tasks/\(probe.billingTask)", body: #"{"team":"support"}"#,
                role == .admin ? .ok : membership == .ownTeam ? .notFound : .forbidden)

            // Every command of the event API, as a service posts them.
            let batch = try await probe.check(
                .post, "/v1/events",
                body: """
                    {"op":"create","workflow":"complaint-escalation","title":"posted","fields":{"customer":"C"}}
                    {"op":"update","task":"\(support)","fields":{"severity":"p2"}}
                    {"op":"assign","task":"\(support)","assignee":"probe"}
                    {"op":"assign","task":"\(support)","assignee":"someone-else"}
                    {"op":"comment","task":"\(support)","text":"posted"}
                    {"op":"transition","task":"\(support)","transition":"investigate"}
                    """, .ok)
            let results = batch.lines.map { $0["status"]?.intValue.map { HTTPResponse.Status(code: $0) } }
            let promised: [HTTPResponse.Status] = [
                Self.expectedCreate(role, membership), Self.expected(role, membership, .change, .ok),
                Self.expected(role, membership, .change, .ok), Self.expected(role, membership, .reassign, .ok),
                Self.expected(role, membership, .change, .created), Self.expected(role, membership, .change, .ok),
            ]
            #expect(results == promised, "\(probe.context): \(batch.text)")
            for (line, status) in zip(batch.lines, promised) where status == .notFound {
                #expect(
                    line["error"]?["message"]?.stringValue == "no task \(support)",
                    "\(probe.context): as if it did not exist")
            }

            let events = try await probe.check(.get, "/v1/events", .ok)
            let tasks = Set(events.lines.compactMap { $0["task"]?.stringValue })
            let visible = Set(
                try await probe.api.send(.get, "/v1/tasks").lines.filter {
                    probe.visibleTeams.contains($0["team"]?.stringValue ?? "")
                }.compactMap { $0["id"]?.stringValue })
            #expect(tasks == visible, "\(probe.context): non-admins see only their teams' events")
        }
    }

    @Test(arguments: Role.allCases, Membership.allCases)
    func tokensAreForAdminsAndEveryTokenKnowsItself(role: Role, membership: Membership) async throws {
        try await Probe.run(role, membership) { probe in
            let admin: (HTTPResponse.Status) -> HTTPResponse.Status = { role == .admin ? $0 : .forbidden }
            _ = try await probe.check(
                .post, "/v1/tokens", body: #"{"name":"made","role":"viewer","teams":["support"]}"#, admin(.created))
            _ = try await probe.check(.get, "/v1/tokens", admin(.ok))
            _ = try await probe.check(.delete, "/v1/tokens/tok_unknown", admin(.notFound))
            _ = try await probe.check(.delete, "/v1/tokens/\(probe.victimToken)", admin(.ok))

            // Publishing workflows is admins' work too; every token reads them.
            let source = try String(
                contentsOf: TestServer.repositoryRoot.appendingPathComponent("workflows/complaint-escalation.yaml"),
                encoding: .utf8)
            let publish = try await probe.api.send(
                .put, "/v1/workflows/complaint-escalation", body: source, token: probe.secret,
                contentType: "application/yaml")
            #expect(publish.status == admin(.ok), "\(probe.context): \(publish.text)")
            _ = try await probe.check(.get, "/v1/workflows/complaint-escalation", .ok)

            let me = try await probe.check(.get, "/v1/me", .ok)
            #expect(me.object["name"] == "probe")
            #expect(me.object["role"]?.stringValue == role.rawValue)
            #expect(me.object["teams"] == .array(membership.teams.map(JSONValue.string)))
        }
    }
}

// MARK: - Managers' views (SLA clocks, reports, calendars)

extension RoleMatrixTests {
    /// Every role reads the SLA views and reports, over its own teams' tasks only (admins: all);
    /// any token reads the calendars. The complaints' clocks run on `support-hours`, so within 30
    /// days every one of them falls due.
    @Test(arguments: Role.allCases, Membership.allCases)
    func managersViewsAreReadByEveryRoleOverItsOwnTeams(role: Role, membership: Membership) async throws {
        try await Probe.run(role, membership) { probe in
            let breaches = try await probe.check(.get, "/v1/sla/breaches", .ok)
            #expect(breaches.lines.isEmpty, "\(probe.context): nothing has breached")
            let atRisk = try await probe.check(.get, "/v1/sla/at-risk?within=30d", .ok)
            #expect(
                Set(atRisk.lines.compactMap { $0["team"]?.stringValue }) == probe.visibleTeams,
                "\(probe.context): non-admins see only their teams' clocks")
            let report = try await probe.check(.get, "/v1/reports/sla?by=team", .ok)
            #expect(Set(report.lines.compactMap { $0["team"]?.stringValue }) == probe.visibleTeams, "\(probe.context)")
            let flow = try await probe.check(.get, "/v1/reports/flow?workflow=complaint-escalation", .ok)
            #expect(flow.lines.first?["tasks"] == .int(Int64(probe.visibleTeams.count)), "\(probe.context)")
            _ = try await probe.check(.get, "/v1/calendars", .ok)
            _ = try await probe.check(.get, "/v1/calendars/support-hours/due?duration=4h", .ok)
        }
    }
}

/// A token of one role and team, a server with a task of `support` and one of `billing`, and
/// another token to revoke.
private struct Probe: Sendable {
    let api: APIClient
    let secret: String
    let role: Role
    let membership: RoleMatrixTests.Membership
    let supportTask: String
    let billingTask: String
    let victimToken: String

    var context: String { "\(role.rawValue), \(membership.rawValue)" }
    var visibleTeams: Set<String> { role == .admin ? ["support", "billing"] : Set(membership.teams) }

    static func run(
        _ role: Role, _ membership: RoleMatrixTests.Membership, _ body: @Sendable (Probe) async throws -> Void
    ) async throws {
        let server = try await TestServer.make()
        // Tasks are assigned to members of their team: the probe takes one itself, and gives it
        // to someone else.
        try await server.addTeams("billing")
        try await server.addUser("probe", ["support": .member])
        try await server.addUser("someone-else", ["support": .member])
        let secret = try await server.mint(role, teams: membership.teams, name: "probe")
        let victim = try await server.database.tokens.create(name: "victim", role: .viewer, teams: ["support"])
        try await server.run { api in
            let support = try await api.createComplaint(title: "support's")
            let billing = try await api.send(
                .post, "/v1/tasks",
                body:
                    #"{"workflow":"complaint-escalation","title":"billing's","team":"billing","fields":{"customer":"B"}}"#
            )
            let probe = Probe(
                api: api, secret: secret, role: role, membership: membership, supportTask: support,
                billingTask: try #require(billing.object["id"]?.stringValue, "\(billing.text)"),
                victimToken: victim.token.id)
            try await body(probe)
        }
    }

    /// Sends the request with the probe's token and expects `status` (and `forbidden` for 403).
    func check(
        _ method: HTTPRequest.Method, _ path: String, body: String? = nil, _ status: HTTPResponse.Status
    ) async throws -> APIClient.Reply {
        let reply = try await api.send(method, path, body: body, token: secret)
        #expect(reply.status == status, "\(context): \(method) \(path) → \(reply.text)")
        if status == .forbidden {
            #expect(reply.errorCode == "forbidden", "\(context): \(method) \(path)")
        }
        if status == .notFound {
            #expect(reply.errorCode == "not_found", "\(context): \(method) \(path)")
        }
        return reply
    }
}

import Foundation
import HTTPTypes
@testable import OpslineServer
import TestSupport
import Testing
import Workflow

/// The requests the contract check sends: every route, with its successes and its main refusals
/// (bad line or parameter, 401, 403, 404, 409, 413, 415, 422 as the route has them), in every
/// content type it answers with. Each area's exchanges are in `ContractExchanges+<Area>.swift`.
struct ContractExchanges: Sendable {
    /// The client that records every exchange.
    let api: ContractClient
    /// A `viewer` of team `support`: reads, may not write.
    let viewer: String
    /// A `member` of team `support`.
    let member: String
    /// A `member` of team `billing`, who may not see `support`'s tasks.
    let outsider: String
    /// A personal token of `pat`, a member of `support`: a person, who may take tasks.
    let person: String
    /// A personal token of `olga`, a member of `billing`.
    let billingPerson: String
    /// The due-work scheduler, on the test's time.
    let scheduler: RunningScheduler
    /// A webhook receiver on 127.0.0.1, which subscriptions send to.
    let receiver: WebhookReceiver

    /// The SLA drill workflow: its clock warns at 1 s, breaches at 2 s and escalates twice.
    static let drill = "contract-drill"
    /// 1 MiB of text: with anything around it, over the limit of a line (and of a workflow document).
    static let oversized = String(repeating: "a", count: 1 << 20)
    /// A line over 1 MiB.
    static let oversizedLine = #"{"text":"\#(oversized)"}"#

    /// Mints the tokens the exchanges use.
    init(api: ContractClient, server: TestServer, scheduler: RunningScheduler, receiver: WebhookReceiver) async throws {
        self.api = api
        self.scheduler = scheduler
        self.receiver = receiver
        viewer = try await server.mint(.viewer, teams: ["support"])
        member = try await server.mint(.member, teams: ["support"])
        outsider = try await server.mint(.member, teams: ["billing"], name: "outsider")
        // The people the tasks' exchanges assign.
        try await server.addUser("alice", ["support": .member])
        try await server.addUser("bob", ["support": .member])
        person = try await server.mintPerson(.member, teams: ["support"], name: "pat")
        billingPerson = try await server.mintPerson(.member, teams: ["billing"], name: "olga")
    }

    /// Every area's exchanges, while the due-work scheduler runs (the drill's clock breaches when
    /// the SLA views' exchanges move time on, and the views then show it).
    func all() async throws {
        try await health()
        let drillTask = try await startDrill()
        try await workflows()
        try await tasks()
        try await commands()
        try await eventLog()
        try await tokens()
        try await people()
        try await subscriptions()
        try await slaViews(drillTask: drillTask)
        try await reports()
        try await calendars()
        try await lists()
        try await withoutToken()
    }

    /// `GET /healthz` and `GET /readyz`.
    func health() async throws {
        try await api.exchange("the process is up", .get, "/healthz", token: nil, expect: 200)
        try await api.exchange("the database answers", .get, "/readyz", token: nil, expect: 200)
        try await api.exchange(
            "an unknown query parameter", .get, "/healthz", query: "verbose=1", token: nil, expect: 400)
    }

    /// Publishes the drill workflow and creates its task, whose clock breaches 2 s of the test's
    /// time later.
    /// - Returns: The task's id.
    func startDrill() async throws -> String {
        try await api.exchange(
            "a new workflow (YAML)", .put, "/v1/workflows/{name}", ["name": Self.drill],
            body: SLADrill.workflow(named: Self.drill, key: "DRL"), contentType: "application/yaml", expect: 201)
        return try await api.exchange(
            "a task whose SLA clock breaches in 2 s", .post, "/v1/tasks",
            body: #"{"workflow":"\#(Self.drill)","title":"Drill"}"#, expect: 201
        ).string("id")
    }

    /// Every `/v1` route without a token: `401`.
    func withoutToken() async throws {
        for endpoint in try OpenAPIDocumentTests.registeredEndpoints() where endpoint.path.hasPrefix("/v1/") {
            try await api.exchange(
                "no token", try #require(HTTPRequest.Method(endpoint.method)), endpoint.path,
                Self.placeholders(endpoint.path), token: nil, expect: 401)
        }
    }

    /// Every route of a server whose database cannot be reached: `503` (`/healthz` and
    /// `/metrics`, which answers with the gauges it could not read left as they were: `200`).
    static func outage(log: ContractLog) async throws {
        let server = try TestServer.unreachable()
        try await server.runLive(headerTimeout: .seconds(30)) { port in
            let api = ContractClient(base: "http://127.0.0.1:\(port)", log: log)
            for endpoint in try OpenAPIDocumentTests.registeredEndpoints() {
                try await api.exchange(
                    "the database is unreachable", try #require(HTTPRequest.Method(endpoint.method)), endpoint.path,
                    placeholders(endpoint.path), expect: ["/healthz", "/metrics"].contains(endpoint.path) ? 200 : 503)
            }
        }
    }

    /// A value for each capture of `path`.
    static func placeholders(_ path: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: path.matches(of: #/\{(?<name>[^}]+)\}/#).map { (String($0.output.name), "x") })
    }
}

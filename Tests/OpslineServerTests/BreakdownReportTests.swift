import Foundation
import OpslineStore
import TestSupport
import Testing

@testable import OpslineServer
@testable import Workflow

/// `GET /v1/reports/breakdown`: tasks of a workflow grouped by their fields or columns, with
/// number fields measured per group, over the caller's teams only.
@Suite struct BreakdownReportTests {
    static func complaint(_ channel: String, _ category: String, satisfaction: Int?, _ api: APIClient) async throws {
        let created = try await api.create(
            #"{"workflow":"complaint-escalation","title":"C","fields":{"customer":"ACME","channel":"\#(channel)","category":"\#(category)"}}"#
        )
        guard let satisfaction, let id = created["id"]?.stringValue else { return }
        let patched = try await api.send(
            .patch, "/v1/tasks/\(id)", body: #"{"fields":{"satisfaction":\#(satisfaction)}}"#)
        #expect(patched.status == .ok, "\(patched.text)")
    }

    @Test func complaintsByCategoryAndChannelWithTheirSatisfaction() async throws {
        let server = try await TestServer.make()
        let outsider = try await server.mint(.manager, teams: ["billing"], name: "outsider")
        try await server.run { api in
            try await Self.complaint("phone", "delivery", satisfaction: 2, api)
            try await Self.complaint("phone", "delivery", satisfaction: 4, api)
            try await Self.complaint("phone", "delivery", satisfaction: nil, api)
            try await Self.complaint("chat", "refund", satisfaction: 5, api)
            let lines = try await api.send(
                .get, "/v1/reports/breakdown?workflow=complaint-escalation&by=category,channel&measure=satisfaction"
            ).lines
            #expect(lines.count == 2)
            let first = try #require(lines.first)
            #expect(first["group"] == ["category": "delivery", "channel": "phone"])
            #expect(first["tasks"] == 3)
            #expect(first["open"] == 3)
            #expect(first["measures"]?["satisfaction"]?["count"] == 2)
            #expect(first["measures"]?["satisfaction"]?["avg"]?.doubleValue == 3)
            #expect(first["measures"]?["satisfaction"]?["min"] == 2)
            #expect(first["measures"]?["satisfaction"]?["max"] == 4)
            #expect(lines.last?["group"] == ["category": "refund", "channel": "chat"])

            let perTeam = try await api.send(.get, "/v1/reports/breakdown?workflow=complaint-escalation&by=team").lines
            #expect(perTeam.map { $0["group"]?["team"] } == ["support"])
            let hidden = try await api.send(
                .get, "/v1/reports/breakdown?workflow=complaint-escalation&by=team", token: outsider)
            #expect(hidden.status == .ok)
            #expect(hidden.lines.isEmpty, "another team's complaints are not counted")
        }
    }

    @Test func aRiskRegisterGridKeepsItsNumbersAsNumbers() async throws {
        try await TestServer.make().run { api in
            for (likelihood, impact) in [(4, 5), (4, 5), (1, 2)] {
                _ = try await api.create(
                    #"{"workflow":"risk-review","title":"R","fields":{"risk":"r","category":"supply","likelihood":\#(likelihood),"impact":\#(impact)}}"#
                )
            }
            let grid = try await api.send(
                .get, "/v1/reports/breakdown?workflow=risk-review&by=likelihood,impact&measure=score"
            ).lines
            #expect(grid.map { $0["group"] } == [["likelihood": 4, "impact": 5], ["likelihood": 1, "impact": 2]])
            #expect(grid.map { $0["tasks"] } == [2, 1])
            #expect(grid.first?["measures"]?["score"]?["sum"] == 40)
        }
    }

    @Test(arguments: [
        ("workflow=complaint-escalation", "by"),
        ("workflow=complaint-escalation&by=mood", "by"),
        ("workflow=complaint-escalation&by=resolution", "by"),
        ("workflow=complaint-escalation&by=team,team", "by"),
        ("workflow=complaint-escalation&by=team,state,priority,assignee", "by"),
        ("workflow=complaint-escalation&by=team&measure=channel", "measure"),
        ("workflow=complaint-escalation&by=team&from=yesterday", "from"),
        ("by=team", "workflow"),
    ])
    func badParametersAreNamed(query: String, parameter: String) async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(.get, "/v1/reports/breakdown?\(query)")
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.object["error"]?["parameter"]?.stringValue == parameter, "\(reply.text)")
        }
    }

    @Test func anUnknownWorkflowIsNotFound() async throws {
        try await TestServer.make().run { api in
            let reply = try await api.send(.get, "/v1/reports/breakdown?workflow=nope&by=team")
            #expect(reply.status == .notFound)
        }
    }
}

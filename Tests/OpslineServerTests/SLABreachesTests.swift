import Foundation
import Testing
import Workflow

@testable import OpslineServer

/// `GET /v1/sla/breaches`: every breached clock, newest breach first, scoped to the caller's teams.
@Suite struct SLABreachesTests {
    @Test func breachesListExactlyTheBreachedClocksNewestFirstAndOnlyTheCallersTeams() async throws {
        let server = try await SLAViewsFixture.server()
        let support = try await server.mint(.member, teams: ["support"])
        let billing = try await server.mint(.manager, teams: ["billing"])
        let marketing = try await server.mint(.viewer, teams: ["marketing"])
        try await SLAViewsFixture.withScheduler(server) {
            try await server.run { api in
                let late = try await api.createViewTask("Parcel lost")
                let finishedLate = try await api.createViewTask("Refund missing")
                let quick = try await api.createViewTask("Wrong size", tier: "slow")
                try await api.moveOK(quick, "finish")  // stops its response clock within its hour
                let billingTask = try await api.createViewTask("Invoice twice", team: "billing")

                let breached = try await api.lines("/v1/sla/breaches") { $0.count == 3 }
                try await api.moveOK(finishedLate, "finish")  // a breach stays a breach once stopped

                let all = try await api.send(.get, "/v1/sla/breaches")
                #expect(all.status == .ok)
                #expect(all.headers[.contentType] == "application/x-ndjson")
                #expect(all.lines.strings("task") == [billingTask, finishedLate, late], "newest breach first")
                #expect(all.lines.strings("policy") == ["response", "response", "response"])
                let times = all.lines.compactMap { $0["breached_at"]?.stringValue.flatMap(RFC3339.parse) }
                #expect(times.count == 3 && times == times.sorted(by: >))
                #expect(Set(breached.strings("task")) == Set(all.lines.strings("task")))
                let line = try #require(all.lines.first { $0["task"]?.stringValue == finishedLate })
                #expect(line["title"] == "Refund missing")
                #expect(line["workflow"] == "sla-views")
                #expect(line["team"] == "support")
                #expect(line["state"] == "stopped")
                #expect(line["task_state"] == "done")
                #expect(line["escalation_level"] == 0)
                #expect(line["due_at"] == line["breached_at"])
                #expect(line["target_s"] == 2)
                let running = try #require(all.lines.first { $0["task"]?.stringValue == late })
                #expect(running["state"] == "running")
                #expect(running["task_state"] == "open")
                #expect((running["remaining_s"]?.intValue ?? 0) < 0)

                let open = try await api.send(.get, "/v1/sla/breaches?open=true")
                #expect(open.lines.strings("task") == [billingTask, late])
                let closed = try await api.send(.get, "/v1/sla/breaches?open=false")
                #expect(closed.lines.strings("task") == [finishedLate])
                let supportOnly = try await api.send(.get, "/v1/sla/breaches?team=support&workflow=sla-views")
                #expect(supportOnly.lines.strings("task") == [finishedLate, late])
                #expect(try await api.send(.get, "/v1/sla/breaches?policy=resolution").lines.isEmpty)
                #expect(try await api.send(.get, "/v1/sla/breaches?limit=1").lines.strings("task") == [billingTask])
                let since = try #require(times.first).addingTimeInterval(1)
                #expect(try await api.send(.get, "/v1/sla/breaches?since=\(RFC3339.format(since))").lines.isEmpty)

                // Non-admins see their teams' breaches only, whatever they ask for.
                let member = try await api.send(.get, "/v1/sla/breaches", token: support)
                #expect(member.lines.strings("task") == [finishedLate, late])
                let manager = try await api.send(.get, "/v1/sla/breaches", token: billing)
                #expect(manager.lines.strings("task") == [billingTask])
                let asked = try await api.send(.get, "/v1/sla/breaches?team=support", token: billing)
                #expect(asked.status == .ok && asked.lines.isEmpty)
                let outsider = try await api.send(.get, "/v1/sla/breaches", token: marketing)
                #expect(outsider.status == .ok && outsider.lines.isEmpty)
            }
        }
    }

    @Test func badParametersAreRefusedNamingThem() async throws {
        try await TestServer.make().run { api in
            for (query, parameter) in [("open=yes", "open"), ("since=yesterday", "since"), ("limit=0", "limit")] {
                let reply = try await api.send(.get, "/v1/sla/breaches?\(query)")
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.errorCode == "bad_request")
                #expect(reply.object["error"]?["parameter"]?.stringValue == parameter, "\(reply.text)")
            }
            #expect(try await api.send(.get, "/v1/sla/breaches", token: nil).status == .unauthorized)
        }
    }
}

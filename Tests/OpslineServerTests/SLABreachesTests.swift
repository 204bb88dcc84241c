import Foundation
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// `GET /v1/sla/breaches`: every breached clock, newest breach first, scoped to the caller's teams.
@Suite struct SLABreachesTests {
    @Test func breachesListExactlyTheBreachedClocksNewestFirstAndOnlyTheCallersTeams() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        let support = try await server.mint(.member, teams: ["support"])
        let billing = try await server.mint(.manager, teams: ["billing"])
        let marketing = try await server.mint(.viewer, teams: ["marketing"])
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                // Created 100 ms apart, so their breaches are too.
                let late = try await api.createViewTask("Parcel lost")
                await running.advance(by: .milliseconds(100))
                let finishedLate = try await api.createViewTask("Refund missing")
                let quick = try await api.createViewTask("Wrong size", tier: "slow")
                try await api.moveOK(quick, "finish")  // stops its response clock within its hour
                await running.advance(by: .milliseconds(100))
                let billingTask = try await api.createViewTask("Invoice twice", team: "billing")
                #expect(try await api.send(.get, "/v1/sla/breaches").lines.isEmpty, "nothing due yet")

                await running.advance(by: .seconds(2))
                let breached = try await running.until({ try await api.send(.get, "/v1/sla/breaches").lines }) {
                    $0.count == 3
                }
                try await api.moveOK(finishedLate, "finish")  // a breach stays a breach once stopped

                let all = try await api.send(.get, "/v1/sla/breaches")
                #expect(all.status == .ok)
                #expect(all.headers[.contentType] == "application/x-ndjson")
                #expect(all.lines.strings("task") == [billingTask, finishedLate, late], "newest breach first")
                #expect(all.lines.strings("policy") == ["response", "response", "response"])
                let times = all.lines.compactMap { $0["breached_at"]?.stringValue.flatMap(RFC3339.parse) }
                #expect(times == [2.2, 2.1, 2].map { time.start.addingTimeInterval($0) }, "when each fell due")
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
                #expect(running["remaining_s"] == -1, "0.2 s past its target, rounded down: \(running)")

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

import Foundation
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// `GET /v1/sla/at-risk`: running clocks due within the window, soonest first, with the working
/// time they have left.
@Suite struct SLAAtRiskTests {
    @Test func atRiskListsRunningClocksDueWithinTheWindowSoonestFirst() async throws {
        let server = try await SLAViewsFixture.server(time: TestTime())
        let support = try await server.mint(.viewer, teams: ["support"])
        try await server.run { api in
            let slow = try await api.createViewTask("Slow courier", severity: "p2")  // resolution: 3h
            let urgent = try await api.createViewTask("Site down", severity: "p1")  // resolution: 30m
            let billing = try await api.createViewTask("Card declined", team: "billing", severity: "p2")
            let waiting = try await api.createViewTask("Awaiting photos", severity: "p1")
            try await api.moveOK(waiting, "wait")  // paused: no deadline while it waits
            let done = try await api.createViewTask("Answered", severity: "p1")
            try await api.moveOK(done, "finish")

            let hour = try await api.send(.get, "/v1/sla/at-risk?within=1h&policy=resolution")
            #expect(hour.status == .ok)
            #expect(hour.lines.strings("task") == [urgent])
            let line = try #require(hour.lines.first)
            #expect(line["state"] == "running")
            #expect(line["target_s"] == 1800)
            let remaining = try #require(line["remaining_s"]?.intValue)
            #expect(remaining == 1800, "30 minutes of 24x7 time: the test's time has not moved")
            let started = try #require(line["started_at"]?.stringValue.flatMap(RFC3339.parse))
            let due = try #require(line["due_at"]?.stringValue.flatMap(RFC3339.parse))
            #expect(abs(due.timeIntervalSince(started) - 1800) < 0.01)
            #expect(line["breached_at"] == .null)

            let fourHours = try await api.send(.get, "/v1/sla/at-risk?within=4h&policy=resolution")
            #expect(fourHours.lines.strings("task") == [urgent, slow, billing], "soonest first")
            let dues = fourHours.lines.compactMap { $0["due_at"]?.stringValue.flatMap(RFC3339.parse) }
            #expect(dues == dues.sorted())
            #expect(
                try await api.send(.get, "/v1/sla/at-risk?within=1d4h&policy=resolution&team=billing")
                    .lines.strings("task") == [billing])
            #expect(try await api.send(.get, "/v1/sla/at-risk?within=20m&policy=resolution").lines.isEmpty)
            // The response clocks (2 s, and no scheduler to mark them breached) are due soonest of
            // all, the waiting task's too (only its resolution clock pauses); the default window
            // is 2 hours, so of the resolution clocks only the 30-minute one is in it.
            let byDefault = try await api.send(.get, "/v1/sla/at-risk").lines
            #expect(byDefault.strings("policy") == ["response", "response", "response", "response", "resolution"])
            #expect(Set(Array(byDefault.prefix(4)).strings("task")) == [slow, urgent, billing, waiting])
            #expect(byDefault.last?["task"]?.stringValue == urgent)

            let viewer = try await api.send(.get, "/v1/sla/at-risk?within=4h&policy=resolution", token: support)
            #expect(viewer.lines.strings("task") == [urgent, slow])

            for within in ["soon", "2 hours", "-1h", "1h2d"] {
                let query = within.replacingOccurrences(of: " ", with: "%20")
                let reply = try await api.send(.get, "/v1/sla/at-risk?within=\(query)")
                #expect(reply.status == .badRequest, "\(within)")
                #expect(reply.object["error"]?["parameter"] == "within", "\(reply.text)")
                #expect(reply.object["error"]?["message"]?.stringValue?.contains("within") == true)
            }
        }
    }
}

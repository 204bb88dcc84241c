import Foundation
import Testing

/// The managers' views: `/v1/sla/…`, `/v1/reports/…` and `/v1/calendars/…`.
extension ContractExchanges {
    /// `GET /v1/sla/breaches` and `GET /v1/sla/at-risk`, once the drill's clock has breached.
    func slaViews(drillTask: String) async throws {
        // Three seconds on: warned, breached and escalated twice. The breach is a signal: the
        // stream shows it as soon as the scheduler records it.
        await scheduler.advance(by: .seconds(3))
        try await api.follow(
            "the drill's breach, once recorded", "/v1/events", query: "follow=true&type=sla_breached&task=\(drillTask)"
        ) { lines in lines.contains { $0["type"] == "sla_breached" } }
        try await api.exchange(
            "a task with a warned, breached and escalated clock", .get, "/v1/tasks/{id}", ["id": drillTask],
            expect: 200)
        let breaches = "/v1/sla/breaches"
        try await api.exchange("every breach", .get, breaches, expect: 200)
        try await api.exchange(
            "breaches by team, workflow, policy, time, openness", .get, breaches,
            query: "team=support-l2&workflow=\(Self.drill)&policy=response&since=2020-01-01&open=true&limit=5",
            expect: 200)
        try await api.exchange("a viewer's breaches", .get, breaches, token: viewer, expect: 200)
        try await api.exchange("limit is not a positive integer", .get, breaches, query: "limit=0", expect: 400)
        try await api.exchange("since is not a time", .get, breaches, query: "since=yesterday", expect: 400)
        try await api.exchange("open is not true or false", .get, breaches, query: "open=maybe", expect: 400)

        let atRisk = "/v1/sla/at-risk"
        try await api.exchange("clocks due within a year", .get, atRisk, query: "within=365d", expect: 200)
        try await api.exchange(
            "at risk by team, workflow, policy", .get, atRisk,
            query: "within=365d&team=support&workflow=complaint-escalation&policy=resolution&limit=5", expect: 200)
        try await api.exchange("the default window, a viewer", .get, atRisk, token: viewer, expect: 200)
        try await api.exchange("within is not a duration", .get, atRisk, query: "within=soon", expect: 400)
    }

    /// `GET /v1/reports/sla` and `GET /v1/reports/flow`.
    func reports() async throws {
        let sla = "/v1/reports/sla"
        try await api.exchange("compliance overall", .get, sla, expect: 200)
        try await api.exchange(
            "compliance per team, workflow and policy", .get, sla,
            query: "by=team,workflow,policy&from=2020-01-01&to=2099-01-01T00:00:00Z", expect: 200)
        try await api.exchange(
            "one team's compliance per policy, a viewer", .get, sla,
            query: "by=policy&team=support&workflow=complaint-escalation", token: viewer, expect: 200)
        try await api.exchange("an unknown dimension", .get, sla, query: "by=colour", expect: 400)

        let flow = "/v1/reports/flow"
        try await api.exchange("time per state", .get, flow, query: "workflow=complaint-escalation", expect: 200)
        try await api.exchange(
            "time per state of a team's tasks, in a period", .get, flow,
            query: "workflow=complaint-escalation&team=support&from=2020-01-01&to=2099-01-01", token: viewer,
            expect: 200)
        try await api.exchange("no workflow", .get, flow, expect: 400)
        try await api.exchange("an unknown workflow", .get, flow, query: "workflow=nope", expect: 404)

        let breakdown = "/v1/reports/breakdown"
        try await api.exchange(
            "complaints by category and channel with their satisfaction", .get, breakdown,
            query: "workflow=complaint-escalation&by=category,channel&measure=satisfaction,compensation", expect: 200)
        try await api.exchange(
            "a risk grid of one team, in a period", .get, breakdown,
            query: "workflow=risk-review&by=likelihood,impact&team=risk&from=2020-01-01&to=2099-01-01", token: viewer,
            expect: 200)
        try await api.exchange(
            "a field that is free text", .get, breakdown, query: "workflow=complaint-escalation&by=resolution",
            expect: 400)
        try await api.exchange("an unknown workflow's", .get, breakdown, query: "workflow=nope&by=team", expect: 404)
    }

    /// `GET /v1/calendars` and `GET /v1/calendars/{name}/due`.
    func calendars() async throws {
        try await api.exchange("every calendar", .get, "/v1/calendars", token: viewer, expect: 200)
        let due = "/v1/calendars/{name}/due"
        for name in ["24x7", "support-hours", "business-hours"] {
            try await api.exchange(
                "a deadline", .get, due, ["name": name], query: "from=2026-11-20T17:00:00%2B08:00&duration=4h",
                expect: 200)
        }
        try await api.exchange("a deadline from now", .get, due, ["name": "24x7"], query: "duration=1d4h", expect: 200)
        try await api.exchange("no duration", .get, due, ["name": "24x7"], expect: 400)
        try await api.exchange(
            "from is not a time", .get, due, ["name": "24x7"], query: "from=x&duration=4h", expect: 400)
        try await api.exchange("an unknown calendar", .get, due, ["name": "nope"], query: "duration=4h", expect: 404)
    }
}

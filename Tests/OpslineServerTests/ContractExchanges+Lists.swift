import Foundation
import Testing

/// What a team member and a manager use every day: `POST /v1/tasks/next` and the workload report.
extension ContractExchanges {
    func lists() async throws {
        let next = "/v1/tasks/next"
        try await api.exchange(
            "a complaint for the queue", .post, "/v1/tasks", body: Self.complaint, expect: 201)
        try await api.exchange("a viewer may not take a task", .post, next, token: viewer, expect: 403)
        try await api.exchange("a service token may not take a task", .post, next, token: member, expect: 403)
        try await api.exchange(
            "the most urgent unassigned task of support", .post, next, body: #"{"team":"support"}"#, token: person,
            headers: [("Idempotency-Key", "next-1")], expect: 200)
        try await api.exchange(
            "the same key again, replayed", .post, next, body: #"{"team":"support"}"#, token: person,
            headers: [("Idempotency-Key", "next-1")], expect: 200)
        try await api.exchange(
            "nothing to take in billing", .post, next, body: #"{"workflow":"complaint-escalation"}"#,
            token: billingPerson, expect: 204)
        try await api.exchange("an unknown key", .post, next, body: #"{"teem":"support"}"#, token: person, expect: 400)

        let workload = "/v1/reports/workload"
        try await api.exchange("every team's workload", .get, workload, expect: 200)
        try await api.exchange(
            "support's workload, at risk within 4 hours, a member", .get, workload, query: "team=support&within=4h",
            token: member, expect: 200)
        try await api.exchange("within is not a duration", .get, workload, query: "within=soon", expect: 400)
        try await api.exchange("an unknown query parameter", .get, workload, query: "teams=support", expect: 400)
    }
}

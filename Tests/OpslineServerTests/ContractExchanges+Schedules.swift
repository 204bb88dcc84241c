import Foundation
import Testing

/// `GET /v1/schedules`: a workflow with a schedule is published, then its schedules are read.
extension ContractExchanges {
    /// A yearly review: its occurrence lies months ahead, so the scheduler never fires it while
    /// the other exchanges move time by seconds.
    static let annualReview = """
        workflow: annual-review
        key: ANR
        team: support
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        schedules:
          yearly:
            cron: "0 9 1 1 *"
            title: "Annual review {date}"
          quarterly:
            every: month 1 10:00
            calendar: 24x7
            skip_holidays: true
            title: Quarterly check
        """

    func schedules() async throws {
        try await api.exchange(
            "a workflow with schedules", .put, "/v1/workflows/{name}", ["name": "annual-review"],
            body: Self.annualReview, contentType: "application/yaml", expect: 201)
        let listed = try await api.exchange("every schedule", .get, "/v1/schedules", expect: 200).lines
        #expect(listed.contains { $0["schedule"]?.stringValue == "yearly" && $0["next_at"] != nil })
        try await api.exchange(
            "one workflow's schedules", .get, "/v1/schedules", query: "workflow=annual-review", token: viewer,
            expect: 200)
        try await api.exchange("an unknown workflow's", .get, "/v1/schedules", query: "workflow=nope", expect: 404)
        try await api.exchange("an unknown query parameter", .get, "/v1/schedules", query: "team=x", expect: 400)
    }
}

import Foundation
import HummingbirdTesting
import Logging
import OpslineStore
import Testing
import TestSupport

@testable import OpslineServer

/// `GET /metrics`: the series an operator scrapes, with values that follow what the server did.
@Suite struct MetricsTests {
    /// Commands count by kind and outcome exactly as many as were sent; the events counter rises
    /// by as many as the log grew; requests are timed by route template and status; the pool's
    /// gauges stay within its bounds.
    @Test func commandsEventsRequestsAndThePoolAreCounted() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let before = try await Self.scrape(api)
            var ids: [String] = []
            for n in 1...3 { ids.append(try await api.createComplaint(title: "complaint \(n)")) }
            #expect(try await api.move(ids[0], "acknowledge").status == .ok)
            // Not a transition from `received`: refused.
            #expect(try await api.move(ids[1], "resolve").status != .ok)
            let after = try await Self.scrape(api)

            func delta(_ name: String, _ labels: [String: String] = [:]) -> Double {
                after.count(name, labels) - before.count(name, labels)
            }
            #expect(delta("opsline_commands_total", ["kind": "create", "outcome": "ok"]) == 3, "\(after)")
            #expect(delta("opsline_commands_total", ["kind": "transition", "outcome": "ok"]) == 1)
            #expect(delta("opsline_commands_total", ["kind": "transition", "outcome": "refused"]) == 1)
            #expect(delta("opsline_commands_total", ["kind": "update", "outcome": "ok"]) == 0)
            // Every event this process appended, and only those (no scheduler runs here).
            let appended = delta("opsline_events_appended_total")
            #expect(appended >= 4)
            #expect(appended == delta("opsline_event_log_head"))

            // Requests by route template, method and status.
            #expect(
                after.count(
                    "opsline_http_request_duration_seconds_count",
                    ["route": "/v1/tasks", "method": "POST", "status": "201"]) == 3, "\(after)")
            #expect(
                after.count(
                    "opsline_http_request_duration_seconds_count",
                    ["route": "/v1/tasks/{id}/transitions", "method": "POST", "status": "200"]) == 1)
            #expect(after.count("opsline_http_requests_total", ["route": "/metrics", "status": "200"]) >= 1)

            // The pool: within its bounds, and every borrow's wait recorded.
            let maximum = try #require(after.value("opsline_pool_connections_max"))
            let open = try #require(after.value("opsline_pool_connections_open"))
            let inUse = try #require(after.value("opsline_pool_connections_in_use"))
            #expect(maximum == 4)
            #expect(open >= 1 && open <= maximum)
            // Read before the scrape borrows one; nothing else holds one between requests.
            #expect(inUse == 0)
            #expect(after.value("opsline_pool_waiting_borrowers") == 0)
            #expect(delta("opsline_pool_wait_seconds_count") >= 5)
            #expect(after.value("opsline_transactions_retried_total", ["reason": "deadlock"]) == 0)
            for name in [
                "opsline_commands_total", "opsline_pool_wait_seconds", "opsline_http_request_duration_seconds",
            ] {
                #expect(after.hasHelp(name), "\(name) has no HELP line")
            }
        }
    }

    /// The scheduler's backlog and the oldest overdue row's age follow the injected clock: none
    /// before the SLA steps fall due; once time passes them, the backlog counts them and the age
    /// grows second for second; after the scheduler applies them, both are 0 again and its
    /// claims, applied rows and claim durations are counted.
    @Test func theDueWorkBacklogAndItsOldestRowFollowTheClock() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.run { api in
            _ = try await api.createComplaint()
            let fresh = try await Self.scrape(api)
            #expect(fresh.value("opsline_due_work_backlog") == 0, "\(fresh)")
            #expect(fresh.value("opsline_due_work_oldest_overdue_seconds") == 0)

            await time.advance(by: .seconds(30 * 86_400))
            let late = try await Self.scrape(api)
            let backlog = try #require(late.value("opsline_due_work_backlog"))
            let age = try #require(late.value("opsline_due_work_oldest_overdue_seconds"))
            #expect(backlog >= 1, "\(late)")
            #expect(age > 0 && age < 30 * 86_400)

            await time.advance(by: .seconds(60))
            let later = try await Self.scrape(api)
            #expect(later.value("opsline_due_work_backlog") == backlog)
            #expect(abs(try #require(later.value("opsline_due_work_oldest_overdue_seconds")) - age - 60) < 0.001)

            var applied = 0
            while case let claimed = try await server.database.dueWork.runDue(), claimed > 0 { applied += claimed }
            let done = try await Self.scrape(api)
            #expect(done.value("opsline_due_work_backlog") == 0, "\(done)")
            #expect(done.value("opsline_due_work_oldest_overdue_seconds") == 0)
            // Each applied step may schedule the next (a warning, then the breach): at least the
            // backlog seen, all counted.
            #expect(Double(applied) >= backlog)
            #expect(done.count("opsline_due_work_applied_total") == Double(applied))
            let claims = done.count("opsline_due_work_claims_total")
            #expect(claims >= 1)
            #expect(done.count("opsline_due_work_claim_duration_seconds_count") == claims)
        }
    }

    /// Table sizes come from a sampler, not from the scrape: none before it runs, the event and
    /// idempotency-key tables' estimated rows and bytes after.
    @Test func tableSizesAreSampledInTheBackground() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            _ = try await api.send(
                .post, "/v1/tasks",
                body:
                    #"{"workflow":"complaint-escalation","title":"t","fields":{"customer":"A"},"idempotency_key":"k1"}"#
            )
            let unsampled = try await Self.scrape(api)
            #expect(unsampled.value("opsline_table_size_bytes", ["table": "events"]) == nil)

            await TableSizeSampler(database: server.database, metrics: server.metrics, logger: Logger(label: "test"))
                .sample()
            let sampled = try await Self.scrape(api)
            for table in ["events", "idempotency_keys", "tasks", "due_work", "deliveries"] {
                #expect((sampled.value("opsline_table_size_bytes", ["table": table]) ?? 0) > 0, "\(table)")
                #expect((sampled.value("opsline_table_rows_estimated", ["table": table]) ?? -1) >= 0, "\(table)")
            }
        }
    }

    /// A followed stream counts as a follower while it is open, caught up (lag 0) once it has
    /// written what was committed.
    @Test func aFollowedStreamIsCountedAsAFollower() async throws {
        let server = try await TestServer.make()
        let reader = try await server.mint(.viewer, teams: ["support"])
        try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(3600)) { port in
            #expect(try await Self.scrapeLive(port).value("opsline_event_followers") == 0)
            try await RawConnection.with(port: port, limit: .seconds(60)) { client in
                try await client.send(EventStreamTests.follow("/v1/events?follow=true&since=now", secret: reader))
                #expect(await client.read { EventStreamTests.text($0).contains(#""heartbeat""#) })
                _ = try await EventStreamTests.createComplaint(in: server, title: "followed")
                #expect(await client.read { EventStreamTests.text($0).contains(#""created""#) })
                // The follower notes its position just after writing: a scrape may come between.
                var scrape = try await Self.scrapeLive(port)
                for _ in 0..<100 where scrape.value("opsline_event_follower_lag_events") != 0 {
                    scrape = try await Self.scrapeLive(port)
                }
                #expect(scrape.value("opsline_event_followers") == 1, "\(scrape)")
                #expect(scrape.value("opsline_event_follower_lag_events") == 0)
            }
        }
    }

    /// The lag of a follower that has not read the latest commits is the events after its
    /// position; a caught-up follower's is 0 whatever its filter skipped.
    @Test func followerLagCountsTheEventsAfterTheFurthestBehind() {
        let book = FollowerBook()
        let ahead = book.register(position: 0, generation: 0)
        let behind = book.register(position: 0, generation: 0)
        book.update(ahead, position: 90, generation: 5)
        book.update(behind, position: 40, generation: 4)
        #expect(book.snapshot(logHead: 100, generation: 5) == (2, 60))
        book.update(behind, position: 40, generation: 5)
        #expect(book.snapshot(logHead: 100, generation: 5) == (2, 0), "caught up: its filter skipped the rest")
        book.remove(ahead)
        book.remove(behind)
        #expect(book.snapshot(logHead: 100, generation: 6) == (0, 0))
    }

    /// Prometheus' own checker accepts the text: names, types, HELP lines, histogram buckets.
    @Test func promtoolAcceptsTheMetrics() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let id = try await api.createComplaint()
            _ = try await api.move(id, "acknowledge")
            _ = try await api.send(.get, "/v1/tasks/NOPE-1")
            await TableSizeSampler(database: server.database, metrics: server.metrics, logger: Logger(label: "test"))
                .sample()
            let response = try await api.client.execute(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(response.headers[.contentType] == MetricsRoute.contentType)
            let text = String(buffer: response.body)
            let (status, output) = try Self.promtool(text)
            #expect(status == 0, "promtool check metrics: \(output)\n\(text)")
        }
    }

    /// Scrapes `/metrics` without a token.
    static func scrape(_ api: APIClient) async throws -> PrometheusText {
        let response = try await api.client.execute(uri: "/metrics", method: .get, headers: [:], body: nil)
        let text = String(buffer: response.body)
        guard response.status == .ok else { throw TestFailure("GET /metrics: \(response.status) \(text)") }
        return PrometheusText(text)
    }

    /// Scrapes the live server on `port`.
    static func scrapeLive(_ port: Int) async throws -> PrometheusText {
        try await RawConnection.with(port: port, limit: .seconds(30)) { client in
            try await client.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            guard let (status, body) = await client.readResponse(), status == 200 else {
                throw TestFailure("GET /metrics failed: \(EventStreamTests.text(client.received))")
            }
            return PrometheusText(body)
        }
    }

    /// Runs `promtool check metrics` on `text`; its exit status and output.
    static func promtool(_ text: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["promtool", "check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }
}

import Crypto
import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// Webhooks end to end: a subscription made through the API, an SLA drill breaching on the
/// test's time, the outbox sent by the deliverer to a real receiver on 127.0.0.1, and the
/// Standard Webhooks signature checked the way a receiver checks it.
@Suite struct WebhookDeliveryTests {
    static let drill = SLADrill.workflow(named: "sla-drill", key: "DRL")

    /// A server with the drill published, its scheduler and deliverer running on `time`, and a
    /// receiver answering from `script`.
    static func withDesk(
        script: [WebhookReceiver.Answer] = [], perDestination: Int = 4, batchSize: Int = 50,
        timeout: Duration = .seconds(10),
        _ body: @Sendable (APIClient, RunningScheduler, WebhookReceiver, TestServer) async throws -> Void
    ) async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: Self.drill, file: "sla-drill.yaml")
        let settings = try RunningDeliverer.localSettings(perDestination: perDestination, timeout: timeout)
        try await WebhookReceiver.with(script: script) { receiver in
            try await server.run(notifications: settings) { api in
                try await RunningScheduler.with(server.database, time: time) { running in
                    try await RunningDeliverer.with(server.database, settings: settings, batchSize: batchSize) {
                        try await body(api, running, receiver, server)
                    }
                }
            }
        }
    }

    /// Creates a webhook subscription of support to `events`; returns its line (with the secret).
    static func subscribe(
        _ api: APIClient, _ name: String, url: String, events: [String] = ["sla_breached"]
    ) async throws -> [String: JSONValue] {
        let events = events.map { "\"\($0)\"" }.joined(separator: ",")
        let reply = try await api.send(
            .post, "/v1/subscriptions",
            body:
                #"{"name":"\#(name)","team":"support","events":[\#(events)],"channel":{"type":"webhook","url":"\#(url)"}}"#
        )
        #expect(reply.status == .created, "\(reply.text)")
        return reply.object
    }

    /// What a receiver does with a Standard Webhooks request: recompute the signature from its
    /// secret, id, timestamp and body (written here from the specification, not with the
    /// server's signer).
    static func signatureIsValid(_ request: WebhookReceiver.Received, secret: String) -> Bool {
        guard let id = request.header("webhook-id"), let timestamp = request.header("webhook-timestamp"),
            let signature = request.header("webhook-signature"), secret.hasPrefix("whsec_"),
            let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count)))
        else { return false }
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(id).\(timestamp).\(request.body)".utf8), using: SymmetricKey(data: key))
        return signature.split(separator: " ").contains { $0 == "v1," + Data(mac).base64EncodedString() }
    }

    @Test func aBreachReachesTheWebhookOnceSignedWithTheSubscriptionsSecret() async throws {
        try await Self.withDesk { api, running, receiver, _ in
            let subscription = try await Self.subscribe(api, "support-breaches", url: receiver.url())
            let secret = try #require(subscription["secret"]?.stringValue)
            #expect(secret.hasPrefix("whsec_"))
            #expect(subscription["channel"]?["destination"] == .string("http://127.0.0.1:\(receiver.port)"))
            // The secret and the URL are shown once: never in the subscription's line again.
            let shown = try await api.send(.get, "/v1/subscriptions/support-breaches")
            #expect(shown.object["secret"] == nil && !shown.text.contains(secret) && !shown.text.contains("/hook"))

            let created = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Checkout down"}"#)
            let id = try #require(created.object["id"]?.stringValue)
            await running.advance(by: .seconds(2))
            let requests = try await receiver.waitFor(1)
            let request = try #require(requests.first)
            #expect(Self.signatureIsValid(request, secret: secret), "\(request.headers)")
            #expect(request.header("content-type") == "application/json")
            let body = try JSONValue.parse(request.body)
            #expect(body["type"] == "sla_breached")
            #expect(body["event"]?["task"] == .string(id))
            #expect(body["event"]?["data"]?["policy"] == "response")
            #expect(body["task"]?["id"] == .string(id))
            #expect(request.header("webhook-id")?.hasPrefix("msg_") == true)

            // Delivered once: the log says so, and nothing else arrives when time moves on.
            let log = try await running.until({
                try await api.send(.get, "/v1/deliveries?subscription=support-breaches").lines
            }) {
                $0.first?["state"] == "delivered"
            }
            #expect(log.count == 1 && log.first?["attempts"] == 1 && log.first?["last_status"] == 200)
            #expect(log.first?["id"] == .string(request.header("webhook-id") ?? ""))
            await running.advance(by: .seconds(60))
            let later = try await api.send(.get, "/v1/deliveries").lines
            #expect(later.count == 1 && receiver.received.count == 1)
        }
    }

    @Test func aReceiverThatFailsThreeTimesGetsTheSameDeliveryOnTheFourthAttempt() async throws {
        let failing: [WebhookReceiver.Answer] = [
            .status(.internalServerError), .status(.tooManyRequests, retryAfter: "30"), .status(.badGateway),
        ]
        try await Self.withDesk(script: failing) { api, running, receiver, _ in
            let subscription = try await Self.subscribe(api, "flaky", url: receiver.url())
            let secret = try #require(subscription["secret"]?.stringValue)
            _ = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Checkout down"}"#)
            await running.advance(by: .seconds(2))
            for (attempt, status) in zip(1..., [500, 429, 502]) {
                _ = try await receiver.waitFor(attempt)
                // Recorded: the attempt's status is the last one (while an attempt is under way,
                // the row shows the one before, and its lease as the next attempt).
                let failed = try await running.until({
                    try await api.send(.get, "/v1/deliveries?subscription=flaky").lines
                }) {
                    $0.first?["state"] == "failed" && $0.first?["attempts"] == .int(Int64(attempt))
                        && $0.first?["last_status"] == .int(Int64(status))
                }
                let next = try #require(failed.first?["next_attempt_at"]?.stringValue.flatMap(RFC3339.parse))
                let wait = next.timeIntervalSince(running.time.now)
                // 5-10 s after the first failure; the 429 asked for 30 s, and got them.
                if attempt == 1 { #expect((5...10).contains(wait), "\(wait)") }
                if attempt == 2 { #expect(wait >= 29.99, "\(wait)") }
                await running.advance(by: .milliseconds(Int64((wait * 1000).rounded(.up))))
            }
            let requests = try await receiver.waitFor(4)
            #expect(Set(requests.compactMap { $0.header("webhook-id") }).count == 1, "one delivery id on every attempt")
            #expect(Set(requests.map(\.body)).count == 1, "the same body on every attempt")
            #expect(requests.allSatisfy { Self.signatureIsValid($0, secret: secret) })
            let log = try await running.until({ try await api.send(.get, "/v1/deliveries?subscription=flaky").lines }) {
                $0.first?["state"] == "delivered"
            }
            #expect(log.first?["attempts"] == 4)
            // `/metrics` counts each attempt by channel and outcome (counted just after the
            // attempt is recorded: a scrape may come between).
            let delivered = ["channel": "webhook", "outcome": "delivered"]
            var scrape = try await MetricsTests.scrape(api)
            for _ in 0..<100 where scrape.count("opsline_notification_deliveries_total", delivered) == 0 {
                scrape = try await MetricsTests.scrape(api)
            }
            #expect(scrape.count("opsline_notification_deliveries_total", delivered) == 1, "\(scrape)")
            #expect(
                scrape.count("opsline_notification_deliveries_total", ["channel": "webhook", "outcome": "failed"]) == 3)
            #expect(
                scrape.count("opsline_notification_deliveries_total", ["channel": "webhook", "outcome": "dead"]) == 0)
        }
    }

    @Test func aReceiverThatRefusesTheMessageIsNotAskedAgain() async throws {
        try await Self.withDesk(script: [.status(.unprocessableContent)]) { api, running, receiver, _ in
            _ = try await Self.subscribe(api, "refusing", url: receiver.url())
            _ = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Checkout down"}"#)
            await running.advance(by: .seconds(2))
            let log = try await running.until({ try await api.send(.get, "/v1/deliveries?state=dead").lines }) {
                !$0.isEmpty
            }
            #expect(log.first?["last_status"] == 422 && log.first?["attempts"] == 1)
            await running.advance(by: .seconds(3600))
            #expect(receiver.received.count == 1)
            // A manager may send it again, with the same id.
            let id = try #require(log.first?["id"]?.stringValue)
            let retried = try await api.send(.post, "/v1/deliveries/\(id)/retry")
            #expect(retried.status == .ok, "\(retried.text)")
            let again = try await receiver.waitFor(2)
            #expect(again.last?.header("webhook-id") == id)
        }
    }

    @Test func aHangingReceiverDoesNotHoldUpAnotherOne() async throws {
        try await WebhookReceiver.with(script: Array(repeating: .hang, count: 12)) { hanging in
            // Claims of 2 look at 8 due rows: the stuck receiver's rows, due first and never
            // claimable once its 2 slots are taken, must not fill that window. Its sends do not
            // time out during the test, however long a busy machine makes it.
            try await Self.withDesk(perDestination: 2, batchSize: 2, timeout: .seconds(3600)) {
                api, running, receiver, _ in
                _ = try await Self.subscribe(api, "stuck", url: hanging.url())
                _ = try await Self.subscribe(api, "healthy", url: receiver.url())
                for number in 1...12 {
                    _ = try await api.send(
                        .post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Task \#(number)"}"#)
                }
                await running.advance(by: .seconds(2))
                // Twelve breaches: the healthy receiver gets them all while the stuck one holds the
                // two sends its destination may have at once.
                let delivered = try await receiver.waitFor(12)
                #expect(delivered.count == 12)
                #expect(try await hanging.waitFor(2).count == 2)
                hanging.releaseHeld()
            }
        }
    }

    @Test func aCommandThatRollsBackNotifiesNoOne() async throws {
        try await Self.withDesk { api, running, receiver, _ in
            _ = try await Self.subscribe(api, "new-work", url: receiver.url(), events: ["created"])
            let batch = """
                {"op":"create","workflow":"sla-drill","title":"Kept only if all are"}
                {"op":"create","workflow":"no-such-workflow","title":"Refused"}
                """
            let refused = try await api.send(.post, "/v1/events?atomic=true", body: batch)
            #expect(refused.lines.allSatisfy { $0["status"] != 201 }, "\(refused.text)")
            #expect(try await api.send(.get, "/v1/tasks?workflow=sla-drill").lines.isEmpty)
            #expect(try await api.send(.get, "/v1/deliveries").lines.isEmpty)
            // A committed one is told.
            _ = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Kept"}"#)
            let requests = try await receiver.waitFor(1)
            #expect(try JSONValue.parse(requests[0].body)["type"] == "created")
            _ = running
        }
    }
}

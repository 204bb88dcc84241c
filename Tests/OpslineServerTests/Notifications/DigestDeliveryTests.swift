import Foundation
import OpslineStore
import Postgres
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// Daily digests end to end: a digest subscription made through the API, SLA clocks met, breached
/// and running on the test's time, and the morning report sent by the deliverer to a real
/// receiver on 127.0.0.1 at 09:00 in Shanghai on the working days of `business-hours`
/// (Mon–Fri, Chinese public holidays off).
@Suite struct DigestDeliveryTests {
    /// A 4-hour resolution clock round the clock, for support's tasks.
    static let desk = """
        workflow: digest-desk
        key: DSK
        team: support
        calendar: 24x7
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          resolution:
            start: created
            stop: {enter: [done]}
            target: 4h
        """
    /// The same for billing's, which support's digest must never show.
    static let billing = desk.replacingOccurrences(of: "digest-desk", with: "digest-billing")
        .replacingOccurrences(of: "key: DSK", with: "key: BIL").replacingOccurrences(
            of: "team: support", with: "team: billing")

    /// `2026-12-03T09:00:00+08:00` as an instant.
    static func at(_ text: String) -> Date { RFC3339.parse(text)! }

    /// A server with both desks published, its scheduler running on time that starts at
    /// `start`, and a receiver.
    static func withDesk(
        start: String, deliverers: Int = 1,
        _ body: @Sendable (APIClient, RunningScheduler, WebhookReceiver, TestServer) async throws -> Void
    ) async throws {
        let time = TestTime(start: at(start))
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: desk, file: "digest-desk.yaml")
        try await server.database.workflows.publish(source: billing, file: "digest-billing.yaml")
        let settings = try RunningDeliverer.localSettings()
        try await WebhookReceiver.with { receiver in
            try await server.run(notifications: settings) { api in
                try await RunningScheduler.with(server.database, time: time) { running in
                    try await body(api, running, receiver, server)
                }
            }
        }
    }

    /// Creates a digest subscription of support at 09:00 on `business-hours`; returns its line.
    static func subscribe(
        _ api: APIClient, _ name: String, channel: String = "webhook", url: String,
        calendar: String = "business-hours"
    ) async throws -> [String: JSONValue] {
        let reply = try await api.send(
            .post, "/v1/subscriptions",
            body: #"""
                {"name":"\#(name)","team":"support","channel":{"type":"\#(channel)","url":"\#(url)"},"digest":{"at":"09:00","calendar":"\#(calendar)"}}
                """#)
        #expect(reply.status == .created, "\(reply.text)")
        return reply.object
    }

    static func clockState(_ api: APIClient, _ id: String) async throws -> String? {
        let task = try await api.task(id)
        return (task["sla"]?.arrayValue ?? []).last?["state"]?.stringValue
    }

    /// The delivery log of `subscription`, newest first.
    static func log(_ api: APIClient, _ subscription: String) async throws -> [JSONValue] {
        try await api.send(.get, "/v1/deliveries?subscription=\(subscription)").lines
    }

    @Test func theMorningReportArrivesAt0900InShanghaiWithItsTeamsBreachesRisksAndCompliance() async throws {
        // Wednesday 2 December 2026, 10:00 in Shanghai.
        try await Self.withDesk(start: "2026-12-02T10:00:00+08:00") { api, running, receiver, server in
            let subscription = try await Self.subscribe(api, "support-morning", url: receiver.url())
            #expect(subscription["digest"] == ["at": "09:00", "calendar": "business-hours"])
            #expect(subscription["events"] == [])
            let secret = try #require(subscription["secret"]?.stringValue)
            _ = try await Self.subscribe(api, "support-morning-chat", channel: "slack", url: receiver.url("/slack"))
            let breached = try #require(
                try await api.create(#"{"workflow":"digest-desk","title":"Checkout down"}"#)["id"]?.stringValue)
            let met = try #require(
                try await api.create(#"{"workflow":"digest-desk","title":"Refund stuck"}"#)["id"]?.stringValue)
            let hidden = try #require(
                try await api.create(#"{"workflow":"digest-billing","title":"Invoice wrong"}"#)["id"]?.stringValue)

            try await RunningDeliverer.with(server.database, settings: try RunningDeliverer.localSettings()) {
                await running.advance(by: .seconds(3600))
                _ = try await api.advance(met, "finish")  // Met at 11:00.
                await running.advance(by: .seconds(3 * 3600))  // 14:00: both open clocks breach.
                _ = try await running.until({ try await Self.clockState(api, breached) }) { $0 == "breached" }
                _ = try await running.until({ try await Self.clockState(api, hidden) }) { $0 == "breached" }
                // Thursday 08:00: new work, due at 12:00, before the next digest (Friday 09:00).
                await running.advance(by: .seconds(18 * 3600))
                let atRisk = try #require(
                    try await api.create(#"{"workflow":"digest-desk","title":"Printer on fire"}"#)["id"]?.stringValue)
                let hiddenRisk = try #require(
                    try await api.create(#"{"workflow":"digest-billing","title":"Tax rate"}"#)["id"]?.stringValue)
                // Not yet: 08:59:59 is before the digest's time.
                await running.advance(by: .seconds(3599))
                #expect(try await server.database.deliveries.queueDueDigests().queued == 0)
                #expect(receiver.received.isEmpty)

                await running.advance(by: .seconds(1))
                let requests = try await receiver.waitFor(2)
                let hook = try #require(requests.first { $0.path == "/hook" })
                #expect(WebhookDeliveryTests.signatureIsValid(hook, secret: secret), "\(hook.headers)")
                let id = try #require(hook.header("webhook-id"))
                #expect(id.hasPrefix("dig_") && id.hasSuffix("_20261203"), "\(id)")
                let digest = try JSONValue.parse(hook.body)
                #expect(digest["type"] == "digest")
                #expect(digest["subscription"] == "support-morning")
                #expect(digest["date"] == "2026-12-03")
                #expect(digest["time_zone"] == "Asia/Shanghai")
                #expect(digest["open_breaches"]?["count"] == 1)
                let breach = digest["open_breaches"]?["items"]?.arrayValue?.first
                #expect(breach?["task"] == .string(breached))
                #expect(breach?["title"] == "Checkout down")
                #expect(breach?["policy"] == "resolution")
                #expect(breach?["breached_at"] == "2026-12-02T14:00:00+08:00")
                #expect(breach?["team"] == "support")
                #expect(digest["at_risk"]?["count"] == 1)
                #expect(digest["at_risk"]?["by"] == "2026-12-04T09:00:00+08:00")
                #expect(digest["at_risk"]?["items"]?.arrayValue?.first?["task"] == .string(atRisk))
                #expect(digest["at_risk"]?["items"]?.arrayValue?.first?["due_at"] == "2026-12-03T12:00:00+08:00")
                #expect(digest["compliance"]?["from"] == "2026-12-02T00:00:00+08:00")
                #expect(
                    digest["compliance"]?["teams"]
                        == [["team": "support", "met": 1, "breached": 1, "compliance": 0.5]])
                // Billing's tasks are not support's to see.
                for request in requests {
                    #expect(!request.body.contains(hidden) && !request.body.contains(hiddenRisk), "\(request.body)")
                    #expect(!request.body.contains("billing"), "\(request.body)")
                }

                let slack = try JSONValue.parse(try #require(requests.first { $0.path == "/slack" }).body)
                #expect(slack["text"] == "Daily digest support-morning-chat: 2026-12-03")
                let text = (slack["blocks"]?.arrayValue ?? []).compactMap { $0["text"]?["text"]?.stringValue }
                    .joined(separator: "\n")
                #expect(text.contains("*Open breaches: 1*"), "\(text)")
                #expect(
                    text.contains("\(breached) · Checkout down · resolution · 2026-12-02 14:00 · support"), "\(text)")
                #expect(text.contains("\(atRisk) · Printer on fire · resolution · 2026-12-03 12:00"), "\(text)")
                #expect(text.contains("support · met 1 · breached 1 · compliance 50.0%"), "\(text)")

                // Once: the log says so, and nothing more comes the same day.
                _ = try await running.until({ try await api.send(.get, "/v1/deliveries").lines }) {
                    $0.count == 2 && $0.allSatisfy { $0["state"] == "delivered" }
                }
                let log = try await Self.log(api, "support-morning")
                #expect(log.count == 1 && log.first?["kind"] == "digest" && log.first?["id"] == .string(id))
                #expect(log.first?["event_seq"] == .null)
                await running.advance(by: .seconds(3600))
                #expect(try await server.database.deliveries.queueDueDigests().queued == 0)
                #expect(try await Self.log(api, "support-morning").count == 1)
                #expect(receiver.received.count == 2)
            }
        }
    }

    @Test func noDigestOnTheWeekendTheNextOnMonday() async throws {
        // Friday 4 December 2026, 08:00 in Shanghai.
        try await Self.withDesk(start: "2026-12-04T08:00:00+08:00") { api, running, receiver, server in
            _ = try await Self.subscribe(api, "support-morning", url: receiver.url())
            try await RunningDeliverer.with(server.database, settings: try RunningDeliverer.localSettings()) {
                await running.advance(by: .seconds(3600))
                let friday = try await receiver.waitFor(1)
                #expect(friday.first?.header("webhook-id")?.hasSuffix("_20261204") == true)
                // Nothing was due on Thursday: the team says so, rather than going missing.
                let quiet = try JSONValue.parse(try #require(friday.first).body)
                #expect(
                    quiet["compliance"]?["teams"] == [["team": "support", "met": 0, "breached": 0, "compliance": nil]])
                #expect(quiet["open_breaches"]?["count"] == 0 && quiet["at_risk"]?["count"] == 0)
                // Recorded before time moves on: a send still under way when its lease has passed
                // is rightly sent again.
                _ = try await running.until({ try await Self.log(api, "support-morning") }) {
                    $0.first?["state"] == "delivered"
                }
                // Saturday and Sunday 09:30: no digest is due, the next is Monday's.
                for step in [24 * 3600 + 1800, 24 * 3600] {
                    await running.advance(by: .seconds(step))
                    let (queued, next) = try await server.database.deliveries.queueDueDigests()
                    #expect(queued == 0)
                    #expect(next == Self.at("2026-12-07T09:00:00+08:00"))
                }
                // Monday 09:00.
                await running.advance(by: .seconds(24 * 3600 - 1800))
                let monday = try await receiver.waitFor(2)
                #expect(
                    monday.last?.header("webhook-id")?.hasSuffix("_20261207") == true,
                    "\(monday.compactMap { $0.header("webhook-id") })")
                let log = try await running.until({ try await Self.log(api, "support-morning") }) {
                    $0.count == 2 && $0.allSatisfy { $0["state"] == "delivered" }
                }
                #expect(
                    log.compactMap { $0["id"]?.stringValue.map { String($0.suffix(8)) } } == ["20261207", "20261204"])
            }
        }
    }

    @Test func aHolidayHasNoDigest() async throws {
        // National Day, Thursday 1 October 2026, 09:30 in Shanghai: off until Thursday 8 October.
        try await Self.withDesk(start: "2026-10-01T08:00:00+08:00") { api, running, receiver, server in
            _ = try await Self.subscribe(api, "support-morning", url: receiver.url())
            await running.advance(by: .seconds(5400))
            let (queued, next) = try await server.database.deliveries.queueDueDigests()
            #expect(queued == 0)
            #expect(next == Self.at("2026-10-08T09:00:00+08:00"))
            #expect(try await Self.log(api, "support-morning").isEmpty)
        }
    }

    @Test func twoReplicasSendTheDigestOnce() async throws {
        try await Self.withDesk(start: "2026-12-03T08:00:00+08:00") { api, running, receiver, server in
            _ = try await Self.subscribe(api, "support-morning", url: receiver.url())
            let settings = try RunningDeliverer.localSettings()
            // A second replica: its own pool and stores on the same database, on the same time.
            let replica = try OpslineDatabase(
                pool: PostgresPool(conninfo: server.pool.conninfo, maximumConnections: 4),
                calendars: server.database.workflows.calendars,
                clock: running.time.clock)
            try await RunningDeliverer.with(server.database, settings: settings) {
                try await RunningDeliverer.with(replica, settings: settings) {
                    await running.advance(by: .seconds(3600))
                    _ = try await receiver.waitFor(1)
                    let log = try await running.until({ try await Self.log(api, "support-morning") }) {
                        $0.first?["state"] == "delivered"
                    }
                    #expect(log.count == 1)
                    await running.advance(by: .seconds(3600))
                    // Both replicas looked again; neither queues the day's digest twice.
                    async let first = server.database.deliveries.queueDueDigests()
                    async let second = replica.deliveries.queueDueDigests()
                    #expect(try await first.queued + second.queued == 0)
                    #expect(try await Self.log(api, "support-morning").count == 1)
                    #expect(receiver.received.count == 1)
                }
            }
            await replica.pool.close()
        }
    }

    @Test func twoReplicasComingTogetherQueueOneDigest() async throws {
        try await Self.withDesk(start: "2026-12-03T08:00:00+08:00") { api, running, receiver, server in
            _ = try await Self.subscribe(api, "support-morning", url: receiver.url())
            await running.advance(by: .seconds(3600))
            let replica = try OpslineDatabase(
                pool: PostgresPool(conninfo: server.pool.conninfo, maximumConnections: 4),
                calendars: server.database.workflows.calendars,
                clock: running.time.clock)
            async let first = server.database.deliveries.queueDueDigests()
            async let second = replica.deliveries.queueDueDigests()
            #expect(try await first.queued + second.queued == 1)
            let log = try await Self.log(api, "support-morning")
            #expect(log.count == 1 && log.first?["kind"] == "digest")
            await replica.pool.close()
        }
    }

    @Test func aServerThatWasDownAt0900SendsTodaysDigestOnlyWhenItIsBack() async throws {
        // Tuesday 1 December 08:00: subscribed; no deliverer runs until Thursday 10:30.
        try await Self.withDesk(start: "2026-12-01T08:00:00+08:00") { api, running, receiver, server in
            _ = try await Self.subscribe(api, "support-morning", url: receiver.url())
            await running.advance(by: .seconds(2 * 86_400 + 9_000))
            try await RunningDeliverer.with(server.database, settings: try RunningDeliverer.localSettings()) {
                let requests = try await receiver.waitFor(1)
                #expect(requests.first?.header("webhook-id")?.hasSuffix("_20261203") == true)
                #expect(try JSONValue.parse(requests[0].body)["date"] == "2026-12-03")
                let log = try await running.until({ try await Self.log(api, "support-morning") }) {
                    $0.first?["state"] == "delivered"
                }
                #expect(log.count == 1, "Tuesday's and Wednesday's are not sent late")
                await running.advance(by: .seconds(3600))
                #expect(try await server.database.deliveries.queueDueDigests().queued == 0)
                #expect(try await Self.log(api, "support-morning").count == 1)
                #expect(receiver.received.count == 1)
            }
        }
    }

    @Test func badDigestFieldsAreRefusedNamingTheField() async throws {
        let server = try await TestServer.make()
        try await server.run(notifications: try RunningDeliverer.localSettings()) { api in
            func create(_ digest: String, events: String = "") async throws -> APIClient.Reply {
                try await api.send(
                    .post, "/v1/subscriptions",
                    body: #"""
                        {"name":"morning",\#(events)"team":"support","channel":{"type":"slack","url":"http://127.0.0.1:9/slack"},"digest":\#(digest)}
                        """#)
            }
            for (digest, field) in [
                (#"{"at":"9am","calendar":"business-hours"}"#, "digest.at"),
                (#"{"at":"24:00"}"#, "digest.at"),
                (#"{"calendar":"business-hours"}"#, "digest.at"),
                (#"{"at":"09:00","calendar":"no-such-hours"}"#, "digest.calendar"),
            ] {
                let reply = try await create(digest)
                #expect(reply.status == .unprocessableContent, "\(digest): \(reply.text)")
                #expect(reply.errorDetail("fields")?[field] != nil, "\(digest): \(reply.text)")
            }
            let withEvents = try await create(#"{"at":"09:00"}"#, events: #""events":["sla_breached"],"#)
            #expect(withEvents.status == .unprocessableContent)
            #expect(withEvents.errorDetail("fields")?["events"] != nil, "\(withEvents.text)")
            let unknown = try await create(#"{"at":"09:00","when":"daily"}"#)
            #expect(unknown.status == .badRequest && unknown.text.contains("digest.when"), "\(unknown.text)")
            // Without a calendar: every day, UTC.
            let plain = try await create(#"{"at":"07:30"}"#)
            #expect(plain.status == .created, "\(plain.text)")
            #expect(plain.object["digest"] == ["at": "07:30", "calendar": "24x7"])
        }
    }
}

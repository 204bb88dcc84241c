import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// `notify:` in workflow files end to end: the events an SLA's warning and breach, an escalation
/// level and a state's `on_enter` record name subscriptions, the outbox queues a delivery for each
/// (whatever its event filter says, only where its teams see the task, once), and the deliverer
/// sends them to a real receiver on 127.0.0.1. The test moves the time; nothing waits for it.
@Suite struct WorkflowNotifyTests {
    /// Warns at 1 s, breaches at 2 s and escalates at once to `support-l2`, telling subscriptions
    /// at each step; entering `open` (creation) and `triage` tells others.
    static let drill = """
        workflow: notify-drill
        key: NTF
        team: support
        calendar: 24x7
        states:
          open: {initial: true, on_enter: {notify: [intake-desk]}}
          triage: {on_enter: {notify: [triage-desk]}}
          done: {final: true}
        transitions:
          triage: {from: open, to: triage}
          finish: {from: [open, triage], to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: 2s
            warn: 50%
            notify: {warning: [support-leads], breach: [support-leads]}
            escalate:
              - {after: 0, team: support-l2, notify: [support-l2-oncall, risk-desk, both-ways]}
        """

    /// A server with the drill published, its scheduler and deliverer running on the test's time,
    /// and a receiver.
    static func withDrill(
        _ body: @Sendable (APIClient, RunningScheduler, WebhookReceiver) async throws -> Void
    ) async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: Self.drill, file: "notify-drill.yaml")
        let settings = try RunningDeliverer.localSettings()
        try await WebhookReceiver.with { receiver in
            try await server.run(notifications: settings) { api in
                try await RunningScheduler.with(server.database, time: time) { running in
                    try await RunningDeliverer.with(server.database, settings: settings) {
                        try await body(api, running, receiver)
                    }
                }
            }
        }
    }

    /// Creates a webhook subscription owned by `team` (hearing that team's tasks) to `events`,
    /// sending to the receiver's `/name`.
    static func subscribe(
        _ api: APIClient, _ name: String, team: String, events: [String], receiver: WebhookReceiver
    ) async throws {
        let events = events.map { "\"\($0)\"" }.joined(separator: ",")
        let reply = try await api.send(
            .post, "/v1/subscriptions",
            body: #"{"name":"\#(name)","team":"\#(team)","events":[\#(events)],"#
                + #""channel":{"type":"webhook","url":"\#(receiver.url("/" + name))"}}"#)
        #expect(reply.status == .created, "\(reply.text)")
    }

    /// The deliveries of subscription `name` in the log.
    static func deliveries(_ api: APIClient, _ name: String) async throws -> [JSONValue] {
        try await api.send(.get, "/v1/deliveries?subscription=\(name)").lines
    }

    /// Each request's path and event type, in the order received.
    static func received(_ requests: [WebhookReceiver.Received]) throws -> [String] {
        try requests.map { request in
            let type = try JSONValue.parse(request.body)["type"]?.stringValue ?? "?"
            return "\(request.path) \(type)"
        }
    }

    @Test func theSLAsStepsAndEscalationLevelTellTheSubscriptionsTheyName() async throws {
        try await Self.withDrill { api, running, receiver in
            // None of them hears these events by its filter: `sla_met` and `created` never reach
            // them here (`created` is support's, and L2 follows support-l2).
            try await Self.subscribe(api, "support-leads", team: "support", events: ["sla_met"], receiver: receiver)
            // No event types at all: it hears only what workflow files name it in.
            try await Self.subscribe(api, "support-l2-oncall", team: "support-l2", events: [], receiver: receiver)
            // No event types and never named: it hears nothing.
            try await Self.subscribe(api, "quiet-desk", team: "support", events: [], receiver: receiver)
            // Heard by its filter and named: one delivery.
            try await Self.subscribe(api, "both-ways", team: "support", events: ["escalated"], receiver: receiver)
            // Named, but risk cannot see support's tasks: nothing.
            try await Self.subscribe(api, "risk-desk", team: "risk", events: ["escalated"], receiver: receiver)

            let created = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"notify-drill","title":"Checkout down"}"#)
            let id = try #require(created.object["id"]?.stringValue)
            await running.advance(by: .seconds(2))
            let requests = try await receiver.waitFor(4)
            #expect(
                Set(try Self.received(requests)) == [
                    "/support-leads sla_warning", "/support-leads sla_breached", "/support-l2-oncall escalated",
                    "/both-ways escalated",
                ])
            let oncall = try #require(requests.first { $0.path == "/support-l2-oncall" })
            let body = try JSONValue.parse(oncall.body)
            #expect(body["event"]?["task"] == .string(id))
            #expect(body["event"]?["data"]?["notify"] == ["support-l2-oncall", "risk-desk", "both-ways"])
            #expect(body["task"]?["team"] == "support-l2")

            // The log agrees: one delivery for each named subscription that sees the task, and
            // none for risk, however long we wait.
            _ = try await running.until({ try await Self.deliveries(api, "both-ways") }) {
                $0.first?["state"] == "delivered"
            }
            #expect(try await Self.deliveries(api, "both-ways").count == 1)
            #expect(try await Self.deliveries(api, "support-l2-oncall").count == 1)
            #expect(try await Self.deliveries(api, "support-leads").count == 2)
            #expect(try await Self.deliveries(api, "risk-desk").isEmpty)
            #expect(try await Self.deliveries(api, "quiet-desk").isEmpty)
            await running.advance(by: .seconds(60))
            #expect(receiver.received.count == 4)
            #expect(try await Self.deliveries(api, "risk-desk").isEmpty)
            // The escalated event belongs to the team the level handed the task to.
            let events = try await api.send(.get, "/v1/events?task=\(id)&type=escalated&team=support-l2").lines
            #expect(events.count == 1, "\(events)")
        }
    }

    @Test func enteringAStateTellsTheSubscriptionsItsOnEnterNames() async throws {
        try await Self.withDrill { api, running, receiver in
            try await Self.subscribe(api, "intake-desk", team: "support", events: ["commented"], receiver: receiver)
            try await Self.subscribe(api, "triage-desk", team: "support", events: ["commented"], receiver: receiver)
            let created = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"notify-drill","title":"Checkout down"}"#)
            let id = try #require(created.object["id"]?.stringValue)
            let first = try await receiver.waitFor(1)
            #expect(try Self.received(first) == ["/intake-desk created"])

            _ = try await api.advance(id, "triage")
            let both = try await receiver.waitFor(2)
            #expect(try Self.received(both) == ["/intake-desk created", "/triage-desk transitioned"])
            let body = try JSONValue.parse(both[1].body)
            #expect(body["event"]?["data"]?["to"] == "triage")
            #expect(body["event"]?["data"]?["notify"] == ["triage-desk"])
            // Finishing enters a state that names no one: nobody else is told.
            _ = try await api.advance(id, "finish")
            #expect(try await Self.deliveries(api, "triage-desk").count == 1)
            #expect(try await Self.deliveries(api, "intake-desk").count == 1)
            _ = running
        }
    }

    /// A workflow whose escalation level notifies `receiver`; the name is on line 14.
    static func publishable(notifying receiver: String) -> String {
        """
        workflow: notify-put
        key: NTP
        team: support
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: 4h
            escalate: [{after: 0, notify: [\(receiver)]}]
        """
    }

    @Test func publishingChecksTheNamesAgainstTheServersReceiversAndSaysWhichHaveNoSubscription() async throws {
        let server = try await TestServer.make()
        try await server.run(notifications: try RunningDeliverer.localSettings()) { api in
            // The shipped receivers.yaml declares support-managers, not support-manager.
            let refused = try await api.put("notify-put", Self.publishable(notifying: "support-manager"))
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.errorCode == "invalid_workflow")
            let problem = refused.object["error"]?["problems"]?.arrayValue?.first?.stringValue ?? ""
            #expect(
                problem.hasPrefix("notify-put.yaml:14: sla 'response' escalation level 1 notifies 'support-manager'"))
            #expect(problem.contains("did you mean 'support-managers'?"), "\(problem)")

            // Declared, but no subscription yet: published, and the answer says so.
            let published = try await api.put("notify-put", Self.publishable(notifying: "support-managers"))
            #expect(published.status == .created, "\(published.text)")
            #expect(published.object["unsubscribed"] == ["support-managers"])
            let subscribed = try await api.send(
                .post, "/v1/subscriptions",
                body: #"{"name":"support-managers","team":"support","events":["sla_breached"],"#
                    + #""channel":{"type":"slack","url":"http://127.0.0.1:9/hook"}}"#)
            #expect(subscribed.status == .created, "\(subscribed.text)")
            let again = try await api.put("notify-put", Self.publishable(notifying: "support-managers"))
            #expect(again.status == .ok && again.object["unsubscribed"] == [], "\(again.text)")

            // The definition shows who each step tells.
            let definition = try await api.send(.get, "/v1/workflows/complaint-escalation").object
            let resolution = definition["slas"]?.arrayValue?.first { $0["name"] == "resolution" }
            #expect(resolution?["notify"] == ["breach": ["support-managers"]])
            #expect(resolution?["escalate"]?.arrayValue?.first?["notify"] == ["support-l2-oncall"])
        }
    }
}

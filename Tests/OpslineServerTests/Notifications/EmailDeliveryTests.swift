import Foundation
import OpslineStore
import TestSupport
import Testing
@testable import Workflow

@testable import OpslineServer

/// E-mail end to end: an `email` subscription made through the API, an SLA drill breaching on
/// the test's time, the outbox sent by the deliverer over SMTP to a real relay on 127.0.0.1
/// (aiosmtpd: Tests/smtp/sink.py) whose certificate the server verifies with `--smtp-ca-file`,
/// and the message read back the way a mail reader reads it.
@Suite struct EmailDeliveryTests {
    static let user = "opsline-relay"
    static let password = "pa55:w0rd@smtp!"
    static let from = "Opsline <opsline@example.com>"

    /// Notification settings that send e-mail through `sink` at `url`.
    static func settings(_ sink: SMTPSink, url: String) throws -> NotificationSettings {
        var settings = try RunningDeliverer.localSettings()
        settings.mail = try MailSettings(url: SMTPURL(url), from: MailAddress(from), caFile: sink.caFile)
        return settings
    }

    /// A server with the drill published and its scheduler and deliverer running on `time`,
    /// sending e-mail through a sink started with `options`, at the URL `url` gives for it.
    static func withDesk(
        _ options: SMTPSink.Options, start: Date? = nil, url: @escaping @Sendable (SMTPSink) -> String,
        _ body: @Sendable (APIClient, RunningScheduler, SMTPSink) async throws -> Void
    ) async throws {
        let time = start.map { TestTime(start: $0) } ?? TestTime()
        let server = try await TestServer.make(time: time)
        try await server.database.workflows.publish(source: WebhookDeliveryTests.drill, file: "sla-drill.yaml")
        try await SMTPSink.with(options) { sink in
            let settings = try Self.settings(sink, url: url(sink))
            try await server.run(notifications: settings) { api in
                try await RunningScheduler.with(server.database, time: time) { running in
                    try await RunningDeliverer.with(server.database, settings: settings) {
                        try await body(api, running, sink)
                    }
                }
            }
        }
    }

    /// Creates an e-mail subscription of support to breaches; returns its id.
    @discardableResult
    static func subscribe(_ api: APIClient, _ name: String, to recipients: [String]) async throws -> String {
        let to = recipients.map { "\"\($0)\"" }.joined(separator: ",")
        let reply = try await api.send(
            .post, "/v1/subscriptions",
            body:
                #"{"name":"\#(name)","team":"support","events":["sla_breached"],"channel":{"type":"email","to":[\#(to)]}}"#
        )
        #expect(reply.status == .created, "\(reply.text)")
        return reply.object["id"]?.stringValue ?? ""
    }

    static let secureLogin = SMTPSink.Options(mode: .startTLS, login: (user, password))

    @Test func aBreachReachesTheRelayOnceOverStartTLSWithAuthAsAMailReaderExpects() async throws {
        try await Self.withDesk(
            Self.secureLogin, url: { $0.url(user: Self.user, password: Self.password, query: "starttls=required") }
        ) { api, running, sink in
            try await Self.subscribe(api, "desk-mail", to: ["oncall@example.com", "lead@example.com"])
            let shown = try await api.send(.get, "/v1/subscriptions/desk-mail")
            #expect(shown.object["channel"]?["destination"] == "smtp", "\(shown.text)")
            #expect(shown.object["channel"]?["to"] == ["oncall@example.com", "lead@example.com"], "\(shown.text)")
            let created = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"退款未到账 <VIP> & co"}"#)
            let task = try #require(created.object["id"]?.stringValue)
            await running.advance(by: .seconds(2))

            let received = try #require(try await sink.waitFor(1).first)
            #expect(received.tls && received.user == Self.user, "over STARTTLS, logged in")
            #expect(received.mailFrom == "opsline@example.com")
            #expect(received.recipients == ["oncall@example.com", "lead@example.com"])
            let mail = received.mail
            #expect(mail.linesAreWellFormed)
            let log = try await running.until({
                try await api.send(.get, "/v1/deliveries?subscription=desk-mail").lines
            }) { $0.first?["state"] == "delivered" }
            let delivery = try #require(log.first?["id"]?.stringValue)
            #expect(log.count == 1 && log.first?["attempts"] == 1 && log.first?["last_status"] == 250, "\(log)")
            #expect(mail.header("Message-ID") == "<\(delivery)@example.com>")
            #expect(mail.header("From") == Self.from)
            #expect(mail.header("To") == "oncall@example.com, lead@example.com")
            #expect(mail.header("Date") != nil)
            let subject = try #require(mail.header("Subject"))
            #expect(subject.hasPrefix("SLA breached: response of \(task) at "), "\(subject)")
            #expect(subject.hasSuffix("(UTC) — 退款未到账 <VIP> & co"), "\(subject)")
            #expect(received.text.unicodeScalars.allSatisfy { $0.isASCII }, "encoded for any relay")
            let text = try #require(mail.part("text/plain"))
            #expect(text.contains("Task: \(task)") && text.contains("Title: 退款未到账 <VIP> & co"), "\(text)")
            #expect(text.contains("SLA: response"), "\(text)")
            let html = try #require(mail.part("text/html"))
            #expect(html.contains("<td>退款未到账 &lt;VIP&gt; &amp; co</td>"), "\(html)")

            // Once: nothing more arrives as time moves on.
            await running.advance(by: .seconds(60))
            #expect(try await api.send(.get, "/v1/deliveries").lines.count == 1)
            #expect(sink.received.count == 1)
            // The password is in no answer and no line the server logged.
            let everything = try await api.send(.get, "/v1/deliveries").text + shown.text
            #expect(!everything.contains(Self.password))
            let logged = (try? String(contentsOf: TestLogging.file, encoding: .utf8)) ?? ""
            #expect(!logged.contains(Self.password) && !logged.contains("w0rd"))
        }
    }

    @Test func aDailyDigestArrivesAsAnEMailWithATablePerList() async throws {
        // Wednesday 2 December 2026, 40 s before 09:00 in Shanghai: the deliverer looks for new
        // digest subscriptions every 30 s, and finds this one before its time.
        let start = try #require(RFC3339.parse("2026-12-02T08:59:20+08:00"))
        try await Self.withDesk(
            Self.secureLogin, start: start, url: { $0.url(user: Self.user, password: Self.password) }
        ) { api, running, sink in
            let reply = try await api.send(
                .post, "/v1/subscriptions",
                body: #"{"name":"desk-morning","team":"support","channel":{"type":"email","to":["lead@example.com"]},"#
                    + #""digest":{"at":"09:00","calendar":"business-hours"}}"#)
            #expect(reply.status == .created, "\(reply.text)")
            let created = try await api.send(
                .post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"退款未到账 <VIP>"}"#)
            let task = try #require(created.object["id"]?.stringValue)
            await running.advance(by: .seconds(2))  // The task breaches.
            _ = try await running.until({ try await DigestDeliveryTests.clockState(api, task) }) { $0 == "breached" }
            await running.advance(by: .seconds(38))  // 09:00.

            let received = try #require(try await sink.waitFor(1).first)
            #expect(received.recipients == ["lead@example.com"])
            let mail = received.mail
            #expect(mail.header("Subject") == "Daily digest desk-morning: 2026-12-02")
            let text = try #require(mail.part("text/plain"))
            #expect(text.contains("Open breaches (1)") && text.contains("\(task) · 退款未到账 <VIP>"), "\(text)")
            let html = try #require(mail.part("text/html"))
            #expect(html.contains("<h3>Open breaches (1)</h3>"), "\(html)")
            #expect(html.contains("<td>\(task)</td><td>退款未到账 &lt;VIP&gt;</td>"), "\(html)")
            #expect(html.contains("<th align=\"left\">Breached at</th>"), "\(html)")
            let log = try await running.until({
                try await api.send(.get, "/v1/deliveries?subscription=desk-morning").lines
            }) { $0.first?["state"] == "delivered" }
            #expect(log.count == 1 && log.first?["kind"] == "digest", "\(log)")
            #expect(mail.header("Message-ID") == "<\(log.first?["id"]?.stringValue ?? "")@example.com>")
        }
    }

    @Test func oneBreachReachesAWebhookSlackAndEMailEachExactlyOnce() async throws {
        try await WebhookReceiver.with { receiver in
            try await Self.withDesk(Self.secureLogin, url: { $0.url(user: Self.user, password: Self.password) }) {
                api, running, sink in
                let hook = try await WebhookDeliveryTests.subscribe(api, "all-hook", url: receiver.url("/hook"))
                let secret = try #require(hook["secret"]?.stringValue)
                let slack = try await api.send(
                    .post, "/v1/subscriptions",
                    body:
                        #"{"name":"all-slack","team":"support","events":["sla_breached"],"channel":{"type":"slack","url":"\#(receiver.url("/slack"))"}}"#
                )
                #expect(slack.status == .created, "\(slack.text)")
                try await Self.subscribe(api, "all-mail", to: ["oncall@example.com"])
                let created = try await api.send(
                    .post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Checkout down"}"#)
                let task = try #require(created.object["id"]?.stringValue)
                await running.advance(by: .seconds(2))

                let requests = try await receiver.waitFor(2)
                let mails = try await sink.waitFor(1)
                let log = try await running.until({ try await api.send(.get, "/v1/deliveries").lines }) {
                    $0.count == 3 && $0.allSatisfy { $0["state"] == "delivered" }
                }
                #expect(log.allSatisfy { $0["attempts"] == 1 }, "\(log)")
                await running.advance(by: .seconds(60))
                #expect(receiver.received.count == 2 && sink.received.count == 1, "each exactly once")
                let webhook = try #require(requests.first { $0.path == "/hook" })
                #expect(WebhookDeliveryTests.signatureIsValid(webhook, secret: secret))
                #expect(try JSONValue.parse(webhook.body)["event"]?["task"] == .string(task))
                let message = try JSONValue.parse(try #require(requests.first { $0.path == "/slack" }).body)
                let headline = try #require(message["text"]?.stringValue)
                #expect(headline.hasPrefix("SLA breached: response of \(task)"), "\(headline)")
                #expect(mails[0].mail.header("Subject") == "\(headline) — Checkout down", "the same facts")
            }
        }
    }

    @Test func implicitTLSSendsASampleAndTheTestAnswersWithTheRelaysReply() async throws {
        let options = SMTPSink.Options(mode: .implicitTLS, login: (Self.user, Self.password))
        try await Self.withDesk(options, url: { $0.url(scheme: "smtps", user: Self.user, password: Self.password) }) {
            api, _, sink in
            let id = try await Self.subscribe(api, "desk-smtps", to: ["oncall@example.com"])
            let tested = try await api.send(.post, "/v1/subscriptions/\(id)/test")
            #expect(tested.object["delivered"] == true && tested.object["status"] == 250, "\(tested.text)")
            #expect(
                tested.object["answer"]?.stringValue?.hasPrefix("250 2.0.0 Ok: queued as") == true, "\(tested.text)")
            // The sink reports what it received through a pipe, after the relay has answered.
            let received = try #require(try await sink.waitFor(1).first)
            #expect(received.tls && received.user == Self.user)
            #expect(received.mail.header("Subject") == "Test message from Opsline")
            #expect(received.mail.header("Message-ID")?.hasPrefix("<msg_test_") == true)
        }
    }

    @Test func aRelayThatSaysTryLaterGetsTheSameMessageAgainAndTakesIt() async throws {
        let options = SMTPSink.Options(mode: .startTLS, answers: ["451 4.3.0 Mailbox busy, try again later"])
        try await Self.withDesk(options, url: { $0.url() }) { api, running, sink in
            try await Self.subscribe(api, "busy", to: ["oncall@example.com"])
            _ = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Checkout down"}"#)
            await running.advance(by: .seconds(2))
            _ = try await sink.waitFor(1)
            let failed = try await running.until({ try await api.send(.get, "/v1/deliveries?subscription=busy").lines })
            {
                $0.first?["state"] == "failed" && $0.first?["last_status"] == 451
            }
            #expect(failed.first?["last_error"] == "the relay answered 451 4.3.0 Mailbox busy, try again later")
            let next = try #require(failed.first?["next_attempt_at"]?.stringValue.flatMap(RFC3339.parse))
            let wait = next.timeIntervalSince(running.time.now)
            #expect((5...10).contains(wait), "\(wait)")
            await running.advance(by: .milliseconds(Int64((wait * 1000).rounded(.up))))
            let both = try await sink.waitFor(2)
            #expect(both[0].mail.header("Message-ID") == both[1].mail.header("Message-ID"), "receivers dedupe on it")
            #expect(both[0].data == both[1].data, "the same bytes on every attempt")
            let log = try await running.until({ try await api.send(.get, "/v1/deliveries?subscription=busy").lines }) {
                $0.first?["state"] == "delivered"
            }
            #expect(log.first?["attempts"] == 2 && log.first?["last_status"] == 250)
        }
    }

    @Test func aRelayThatRefusesTheMessageForGoodIsNotAskedAgain() async throws {
        let options = SMTPSink.Options(mode: .startTLS, answers: ["550 5.7.1 Message refused"])
        try await Self.withDesk(options, url: { $0.url() }) { api, running, sink in
            try await Self.subscribe(api, "refused", to: ["oncall@example.com"])
            _ = try await api.send(.post, "/v1/tasks", body: #"{"workflow":"sla-drill","title":"Checkout down"}"#)
            await running.advance(by: .seconds(2))
            let log = try await running.until({ try await api.send(.get, "/v1/deliveries?state=dead").lines }) {
                !$0.isEmpty
            }
            #expect(log.first?["last_status"] == 550 && log.first?["attempts"] == 1, "\(log)")
            #expect(log.first?["last_error"] == "the relay answered 550 5.7.1 Message refused")
            await running.advance(by: .seconds(3600))
            #expect(sink.received.count == 1)
        }
    }

    @Test func recipientsTheRelayRefusesAreSkippedAndAllRefusedIsTheRelaysAnswer() async throws {
        let options = SMTPSink.Options(mode: .startTLS, login: ("u", "p"), rejected: ["gone@example.com"])
        // A relay offering only AUTH LOGIN.
        var loginOnly = options
        loginOnly.mechanisms = ["LOGIN"]
        try await Self.withDesk(loginOnly, url: { $0.url(user: "u", password: "p") }) { api, _, sink in
            let some = try await Self.subscribe(api, "some", to: ["gone@example.com", "here@example.com"])
            let partly = try await api.send(.post, "/v1/subscriptions/\(some)/test")
            #expect(partly.object["delivered"] == true, "\(partly.text)")
            let first = try await sink.waitFor(1).first
            #expect(first?.recipients == ["here@example.com"] && first?.user == "u")
            let none = try await Self.subscribe(api, "none", to: ["gone@example.com"])
            let refused = try await api.send(.post, "/v1/subscriptions/\(none)/test")
            #expect(refused.object["delivered"] == false && refused.object["status"] == 550, "\(refused.text)")
            #expect(refused.object["answer"]?.stringValue?.hasPrefix("550 5.1.1") == true, "\(refused.text)")
            #expect(sink.received.count == 1)
        }
    }

    @Test func nothingIsSentWhereTLSIsRequiredButNotOfferedNorAPasswordInTheClear() async throws {
        try await SMTPSink.with(SMTPSink.Options(mode: .plain)) { sink in
            for (url, problem) in [
                (sink.url(query: "starttls=required"), "does not offer STARTTLS"),
                (sink.url(user: "u", password: "clear-text-pw"), "not send the SMTP password in the clear"),
            ] {
                let mail = try #require(try Self.settings(sink, url: url).mail)
                let mailer = Mailer(settings: mail, timeout: .seconds(30))
                let message = MailMessage(
                    id: "msg_x", date: Date(), from: try MailAddress(Self.from), to: ["a@example.com"],
                    content: MailContent(subject: "s", text: "t", html: "h"))
                let answer = await mailer.send(message)
                guard case .unreachable(let reason) = answer else {
                    Issue.record("\(answer)")
                    continue
                }
                #expect(reason.contains(problem) && !reason.contains("clear-text-pw"), "\(reason)")
            }
            #expect(sink.received.isEmpty)
        }
    }

    @Test func emailSubscriptionsNeedARelayAndAddresses() async throws {
        let server = try await TestServer.make()
        try await server.run(notifications: try RunningDeliverer.localSettings()) { api in
            let refused = try await api.send(
                .post, "/v1/subscriptions",
                body:
                    #"{"name":"m","team":"support","events":["sla_breached"],"channel":{"type":"email","to":["a@example.com"]}}"#
            )
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.object["error"]?["fields"]?["channel.type"] != nil, "\(refused.text)")
            #expect(refused.text.contains("--smtp-url"), "\(refused.text)")
        }
        let relayed = try await TestServer.make()
        try await SMTPSink.with { sink in
            try await relayed.run(notifications: try Self.settings(sink, url: sink.url())) { api in
                for to in [
                    #"[]"#, #"["not-an-address"]"#, #"["运维@example.com"]"#, #"["a@example.com\r\nBcc: x@example.com"]"#,
                ] {
                    let bad = try await api.send(
                        .post, "/v1/subscriptions",
                        body:
                            #"{"name":"m","team":"support","events":["sla_breached"],"channel":{"type":"email","to":\#(to)}}"#
                    )
                    #expect(bad.status == .unprocessableContent, "\(to): \(bad.text)")
                    #expect(bad.object["error"]?["fields"]?["channel.to"] != nil, "\(to): \(bad.text)")
                }
            }
        }
    }
}

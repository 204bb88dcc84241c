import Foundation
import OpslineServer
import TestSupport
import Testing
@testable import Workflow

/// `opsline subscription` through the built executable against a live server, with a real
/// receiver on 127.0.0.1: create Slack and webhook subscriptions, list, show (no secret), send a
/// sample and see it arrive in Slack's format, read the delivery log, delete.
@Suite("opsline subscription against a live server")
struct SubscriptionCLITests {
    /// Local destinations allowed; a sample may take 45 s: on a loaded machine a TLS handshake
    /// with the Python relay can take over 10 s (the product's default time-out). It stays under
    /// the CLI's own 60 s for a request.
    static func settings() throws -> NotificationSettings {
        var settings = NotificationSettings(
            destinations: try DestinationPolicy(allowsInsecure: true, allowed: ["127.0.0.1"]))
        settings.timeout = .seconds(45)
        return settings
    }

    @Test func aManagerSetsUpSlackAndAWebhookAndSendsASample() async throws {
        try await WebhookReceiver.with { receiver in
            try await LiveServer.run(notifications: try Self.settings()) { url in
                let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
                let slack = try await admin.run(
                    "subscription", "create", "desk-slack", "--team", "support", "--event", "sla_breached",
                    "--event", "escalated", "--channel", "slack", "--url", receiver.url("/slack"))
                #expect(slack.status == 0 && slack.stdout.contains("Created subscription desk-slack"), "\(slack)")
                #expect(!slack.stdout.contains("secret"), "Slack has no signing secret: \(slack)")
                let hook = try await admin.run(
                    "subscription", "create", "desk-hook", "--team", "support", "--event", "created", "--channel",
                    "webhook", "--url", receiver.url("/hook"), "--workflow", "complaint-escalation")
                #expect(hook.status == 0 && hook.stdout.contains("Signing secret"), "\(hook)")
                #expect(hook.stdout.contains("whsec_"), "\(hook)")

                let listed = try await admin.run("subscription", "list")
                #expect(listed.stdoutLines.first?.hasPrefix("NAME") == true, "\(listed)")
                #expect(listed.stdout.contains("desk-hook") && listed.stdout.contains("desk-slack"), "\(listed)")
                let shown = try await admin.run("subscription", "show", "desk-hook", "-o", "json")
                #expect(
                    shown.status == 0 && !shown.stdout.contains("whsec_") && !shown.stdout.contains("/hook"), "\(shown)"
                )

                let tested = try await admin.run("subscription", "test", "desk-slack")
                #expect(tested.status == 0 && tested.stdout.contains("Delivered"), "\(tested)")
                let sample = try #require(receiver.received.first { $0.path == "/slack" })
                let message = try JSONValue.parse(sample.body)
                #expect(message["text"]?.stringValue == "Test message from Opsline", "\(sample.body)")
                #expect(message["blocks"]?.arrayValue?.isEmpty == false, "\(sample.body)")

                let log = try await admin.run("subscription", "deliveries")
                #expect(log.status == 0 && log.stdout == "No deliveries.\n", "a sample is not in the log: \(log)")
                let refused = try await admin.run(
                    "subscription", "create", "desk-bad", "--team", "support", "--event", "breach", "--channel",
                    "webhook", "--url", receiver.url())
                #expect(refused.status != 0 && refused.stderr.contains("events"), "\(refused)")
                let deleted = try await admin.run("subscription", "delete", "desk-slack")
                #expect(deleted.status == 0 && deleted.stdout.contains("Deleted subscription desk-slack"), "\(deleted)")
                let gone = try await admin.run("subscription", "show", "desk-slack")
                #expect(gone.status == 4, "\(gone)")
            }
        }
    }

    @Test func aManagerSetsUpADailyDigestAndSeesTodaysAsASample() async throws {
        try await WebhookReceiver.with { receiver in
            try await LiveServer.run(notifications: try Self.settings()) { url in
                let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
                let created = try await admin.run(
                    "subscription", "create", "desk-morning", "--team", "support", "--digest", "09:00",
                    "--digest-calendar", "support-hours", "--channel", "slack", "--url", receiver.url("/morning"))
                #expect(created.status == 0, "\(created)")
                #expect(created.stdout.contains("daily at 09:00 on working days of support-hours"), "\(created)")
                let tested = try await admin.run("subscription", "test", "desk-morning")
                #expect(tested.status == 0 && tested.stdout.contains("Delivered"), "\(tested)")
                let sample = try #require(receiver.received.first { $0.path == "/morning" })
                let message = try JSONValue.parse(sample.body)
                #expect(
                    message["text"]?.stringValue?.hasPrefix("Daily digest desk-morning: ") == true, "\(sample.body)")
                #expect(sample.body.contains("Open breaches"), "\(sample.body)")
                let refused = try await admin.run(
                    "subscription", "create", "desk-late", "--team", "support", "--digest", "9am", "--channel",
                    "slack", "--url", receiver.url())
                #expect(refused.status != 0 && refused.stderr.contains("digest.at"), "\(refused)")
            }
        }
    }

    @Test func aSampleEMailPrintsTheRelaysReplyLine() async throws {
        try await SMTPSink.with(SMTPSink.Options(mode: .startTLS)) { sink in
            var settings = try Self.settings()
            settings.mail = try MailSettings(
                url: SMTPURL(sink.url()), from: MailAddress("Opsline <opsline@example.com>"), caFile: sink.caFile)
            try await LiveServer.run(notifications: settings) { url in
                var admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
                admin.timeout = .seconds(120)  // the sample waits for the relay, up to 45 s
                let created = try await admin.run(
                    "subscription", "create", "desk-mail", "--team", "support", "--event", "sla_breached",
                    "--channel", "email", "--to", "oncall@example.com")
                #expect(created.status == 0 && created.stdout.contains("oncall@example.com"), "\(created)")
                let tested = try await admin.run("subscription", "test", "desk-mail")
                #expect(tested.status == 0 && tested.stdout.contains("answered 250"), "\(tested)")
                #expect(tested.stdout.contains("Its answer: 250 2.0.0 Ok: queued as"), "\(tested)")
                // The sink reports what it received through a pipe, after the relay has answered.
                let first = try await sink.waitFor(1).first
                #expect(first?.recipients == ["oncall@example.com"])
                #expect(first?.mail.header("Subject") == "Test message from Opsline")
            }
        }
    }
}

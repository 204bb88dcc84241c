import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OpslineStore
import TestSupport
import Testing

@testable import OpslineServer

/// No secret reaches a log line: the bearer secret of a request (known or not), a password
/// signing in to the dashboard, its session cookie and CSRF token, a token's secret as it is
/// created, a webhook's secret and a secret in its URL. Every entry the server logs at `trace`
/// is captured and searched.
@Suite struct LogSecretsTests {
    static let unknownBearer = "log-test-bearer-secret-7f3a"
    static let password = "log-test-password-9c1e"
    static let hookQuerySecret = "log-test-hook-query-secret-4b2d"
    static let webhookSecret = "whsec_" + Data("log-test-webhook-key-0123456789!".utf8).base64EncodedString()

    @Test func requestsSignInsAndSubscriptionsLeaveNoSecretInTheLog() async throws {
        let log = CapturedLog()
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .manager])
        let settings = try RunningDeliverer.localSettings(timeout: .seconds(10))
        let made: [String] = try await WebhookReceiver.with { receiver in
            try await server.run(notifications: settings, logger: log.logger(level: .trace)) { api in
                var made: [String] = []
                // A bearer secret the server does not know, and the admin's.
                let refused = try await api.send(.get, "/v1/tasks", token: Self.unknownBearer)
                #expect(refused.status == .unauthorized)
                #expect(try await api.send(.get, "/v1/tasks").status == .ok)
                // A token's secret, shown once as it is created.
                let token = try await api.send(
                    .post, "/v1/tokens", body: #"{"name":"crm","role":"viewer","teams":["support"]}"#)
                #expect(token.status == .created, "\(token.text)")
                made.append(try #require(token.object["secret"]?.stringValue))
                // A password, set and used to sign in; the session cookie and CSRF token it gets.
                try await api.setPassword("mia", Self.password)
                var browser = PageClient(api)
                let wrong = try await browser.signIn([("user", "mia"), ("password", Self.password + "-wrong")])
                #expect(wrong.status == .unauthorized)
                made.append(Self.password + "-wrong")
                try await browser.signIn(user: "mia", password: Self.password)
                made.append(try #require(browser.cookies["opsline_session"]))
                #expect(try await browser.get("/ui/").status == .ok)
                // Webhooks: a secret chosen, one generated, and a secret in the URL's query.
                let url = receiver.url("/hook?token=\(Self.hookQuerySecret)")
                let chosen = try await api.send(
                    .post, "/v1/subscriptions",
                    body: #"""
                        {"name":"chosen","team":"support","events":["sla_breached"],"channel":{"type":"webhook","url":"\#(url)","secret":"\#(Self.webhookSecret)"}}
                        """#)
                #expect(chosen.status == .created, "\(chosen.text)")
                let generated = try await api.send(
                    .post, "/v1/subscriptions",
                    body: #"""
                        {"name":"generated","team":"support","events":["sla_breached"],"channel":{"type":"webhook","url":"\#(url)"}}
                        """#)
                #expect(generated.status == .created, "\(generated.text)")
                made.append(try #require(generated.object["secret"]?.stringValue))
                // A test message, sent to the URL with the secret in it.
                let tested = try await api.send(.post, "/v1/subscriptions/chosen/test")
                #expect(tested.status.code < 500, "\(tested.text)")
                return made
            }
        }
        let secrets =
            [TestServer.adminSecret, Self.unknownBearer, Self.password, Self.hookQuerySecret, Self.webhookSecret] + made
        let entries = log.entries
        #expect(entries.contains { $0.message == "request" }, "the server logged its requests")
        #expect(entries.contains { $0.message == "signed in to the dashboard" })
        for secret in secrets {
            let leaking = entries.filter { $0.description.contains(secret) }
            #expect(leaking.isEmpty, "\(secret) is in the log: \(leaking)")
        }
        // The CSRF token: whatever a 64-hex secret looks like.
        let hexSecret = try Regex("[0-9a-f]{64}")
        #expect(!entries.contains { $0.description.contains(hexSecret) }, "a 64-hex secret is in the log")
    }
}

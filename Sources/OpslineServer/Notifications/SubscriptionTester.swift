import Foundation
import OpslineStore

/// Sends a subscription a sample message at once and reports what its receiver said
/// (`POST /v1/subscriptions/{id}/test`, `opsline subscription test`): the same rendering,
/// signing and destination checks as a real delivery, outside the outbox.
struct SubscriptionTester: Sendable {
    let renderer: NotificationRenderer
    let transport: NotificationTransport
    let mailer: Mailer?
    let destinations: DestinationPolicy
    let secrets: SubscriptionStore

    /// What the receiver answered.
    struct Outcome: Sendable {
        var status: Int?
        var error: String?
        var answer: String
    }

    /// Why e-mail is not sent.
    static let noMail = "e-mail is not configured on this server (opsline serve --smtp-url)"

    func test(_ subscription: Subscription) async throws -> Outcome {
        let delivery = try await secrets.testDelivery(for: subscription)
        let answer: DeliveryRetryPolicy.Answer
        var text = ""
        if delivery.channel == .email {
            guard let mailer else { return Outcome(status: nil, error: Self.noMail, answer: "") }
            answer = await mailer.send(delivery, body: try await renderer.body(for: delivery))
        } else {
            guard let url = delivery.url else { return Outcome(status: nil, error: "it has no URL", answer: "") }
            try await destinations.check(url)
            let body = try await renderer.body(for: delivery)
            let message = OutgoingMessage.attempt(of: delivery, body: body, at: renderer.tasks.clock.now)
            (answer, text) = await transport.post(url: message.url, headers: message.headers, body: message.body)
        }
        switch answer {
        case .status(let status, _):
            return Outcome(
                status: status, error: (200..<300).contains(status) ? nil : "the receiver answered \(status)",
                answer: text)
        case .reply(let code, let line):
            // The relay's reply line is its answer (`250 2.0.0 Ok: queued as 4F2A`).
            return Outcome(
                status: code, error: (200..<300).contains(code) ? nil : "the relay answered \(line)", answer: line)
        case .unreachable(let reason), .refused(let reason):
            return Outcome(status: nil, error: reason, answer: text)
        }
    }
}

import ArgumentParser
import Foundation
import OpslineServer

/// `opsline serve`'s notification flags, each with its environment twin.
struct NotificationOptions: ParsableArguments {
    @Flag(
        help: """
            Allow http:// notification URLs (webhooks, chat robots); without it only https. \
            [env: OPSLINE_ALLOW_INSECURE_WEBHOOKS=true]
            """)
    var allowInsecureWebhooks = false

    @Option(
        help: """
            Internal addresses notifications may reach, comma-separated addresses or CIDR ranges, \
            e.g. 10.0.0.0/8,127.0.0.1; others in this host's and private ranges are refused. \
            [env: OPSLINE_WEBHOOK_ALLOW]
            """)
    var webhookAllow: String?

    @Option(help: "How long one notification attempt may take, e.g. 10s. [env: OPSLINE_WEBHOOK_TIMEOUT]")
    var webhookTimeout: String?

    @Option(
        help: """
            The server's address as people reach it, for links in notifications, e.g. \
            https://ops.example.com. [env: OPSLINE_PUBLIC_URL]
            """)
    var publicURL: String?

    @Option(
        help: """
            How long delivered and given-up notifications stay in the delivery log, e.g. 7d. \
            [env: OPSLINE_DELIVERY_RETENTION]
            """)
    var deliveryRetention: String?

    /// The settings these flags (or their environment twins) give.
    func settings(_ environment: [String: String]) throws -> NotificationSettings {
        let allowed = (webhookAllow ?? environment["OPSLINE_WEBHOOK_ALLOW"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let insecure =
            allowInsecureWebhooks
            || ["1", "true", "yes"].contains(
                (environment["OPSLINE_ALLOW_INSECURE_WEBHOOKS"] ?? "").lowercased())
        var settings: NotificationSettings
        do {
            settings = NotificationSettings(
                destinations: try DestinationPolicy(allowsInsecure: insecure, allowed: allowed))
        } catch {
            throw ValidationError("--webhook-allow: \(error)")
        }
        if let text = webhookTimeout ?? environment["OPSLINE_WEBHOOK_TIMEOUT"] {
            let timeout = try DurationArgument.parse(
                text, option: "--webhook-timeout", examples: "10s or 1m", positive: true)
            settings.timeout = .seconds(timeout.seconds)
        }
        if let text = deliveryRetention ?? environment["OPSLINE_DELIVERY_RETENTION"] {
            let retention = try DurationArgument.parse(
                text, option: "--delivery-retention", examples: "7d or 36h", positive: true)
            settings.retention = .seconds(retention.seconds)
        }
        if let url = publicURL ?? environment["OPSLINE_PUBLIC_URL"] {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil
            else {
                throw ValidationError("--public-url must be an http(s) URL, e.g. https://ops.example.com")
            }
            settings.publicURL = url
        }
        return settings
    }
}

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

    @Option(
        name: .customLong("smtp-url"),
        help: """
            The SMTP relay for e-mail subscriptions: smtp://user:pass@host:587 (STARTTLS when the \
            relay offers it; add ?starttls=required to send nothing without it) or \
            smtps://user:pass@host:465 (TLS from the start). Without it, email subscriptions are \
            refused. [env: OPSLINE_SMTP_URL]
            """)
    var smtpURL: String?

    @Option(
        name: .customLong("smtp-from"),
        help: "The sender of e-mail, e.g. 'Opsline <opsline@example.com>'. [env: OPSLINE_SMTP_FROM]")
    var smtpFrom: String?

    @Option(
        name: .customLong("smtp-ca-file"),
        help: """
            A PEM file of CA certificates to trust for the SMTP relay besides the system's (a \
            private relay). [env: OPSLINE_SMTP_CA_FILE]
            """)
    var smtpCAFile: String?

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
        settings.mail = try mail(environment)
        return settings
    }

    /// The e-mail settings, when there is a relay; errors never show its password.
    private func mail(_ environment: [String: String]) throws -> MailSettings? {
        let from = smtpFrom ?? environment["OPSLINE_SMTP_FROM"]
        let caFile = smtpCAFile ?? environment["OPSLINE_SMTP_CA_FILE"]
        guard let text = smtpURL ?? environment["OPSLINE_SMTP_URL"], !text.isEmpty else {
            guard from == nil && caFile == nil else {
                throw ValidationError("--smtp-from and --smtp-ca-file need --smtp-url (OPSLINE_SMTP_URL)")
            }
            return nil
        }
        let url: SMTPURL
        do {
            url = try SMTPURL(text)
        } catch {
            throw ValidationError("--smtp-url: \(error)")
        }
        guard let from else {
            throw ValidationError("--smtp-url needs --smtp-from, e.g. --smtp-from 'Opsline <opsline@example.com>'")
        }
        do {
            return try MailSettings(url: url, from: try MailAddress(from), caFile: caFile)
        } catch let error as MailAddressError {
            throw ValidationError("--smtp-from: \(error)")
        } catch {
            throw ValidationError("--smtp-ca-file: \(error)")
        }
    }
}

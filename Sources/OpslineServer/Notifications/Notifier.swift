import Logging
import OpslineStore

/// How a server sends notifications (`opsline serve` flags), and the parts its routes and its
/// deliverer share.
public struct NotificationSettings: Sendable {
    /// Which destinations may be reached (`--allow-insecure-webhooks`, `--webhook-allow`).
    public var destinations: DestinationPolicy
    /// How long one attempt may take (`--webhook-timeout`).
    public var timeout: Duration = .seconds(10)
    /// Sends at once to one destination, per replica.
    public var perDestination = 8
    /// The server's address as people reach it, for links in messages (`--public-url`).
    public var publicURL: String?
    /// How long delivered and dead deliveries stay in the log (`--delivery-retention`).
    public var retention: Duration = .seconds(7 * 86_400)
    /// The SMTP relay and sender (`--smtp-url`, `--smtp-from`, `--smtp-ca-file`); `nil`: no
    /// e-mail, and `email` subscriptions are refused.
    public var mail: MailSettings?

    /// Settings with secure defaults: `https` only, no internal addresses.
    public init(destinations: DestinationPolicy) {
        self.destinations = destinations
    }
}

/// The notification parts of one server, built from its settings.
struct Notifier: Sendable {
    let settings: NotificationSettings
    let renderer: NotificationRenderer
    let transport: NotificationTransport
    /// The e-mail sender, when the server has a relay.
    let mailer: Mailer?

    init(settings: NotificationSettings, database: OpslineDatabase) {
        self.settings = settings
        renderer = NotificationRenderer(
            tasks: database.tasks, catalog: database.workflows, publicURL: settings.publicURL,
            digests: DigestRenderer(
                reports: database.reports, calendars: database.workflows.calendars, publicURL: settings.publicURL))
        transport = NotificationTransport(timeout: settings.timeout)
        mailer = settings.mail.map { Mailer(settings: $0, timeout: settings.timeout) }
    }

    /// The sample sender behind `POST /v1/subscriptions/{id}/test`.
    func tester(_ subscriptions: SubscriptionStore) -> SubscriptionTester {
        SubscriptionTester(
            renderer: renderer, transport: transport, mailer: mailer, destinations: settings.destinations,
            secrets: subscriptions)
    }

    /// The service that sends the outbox, woken by `signal` (``NotifyChannel/deliveries``).
    func deliverer(_ queue: DeliveryQueue, signal: EventSignal, logger: Logger) -> NotificationDeliverer {
        NotificationDeliverer(
            queue: queue, renderer: renderer, transport: transport, mailer: mailer, destinations: settings.destinations,
            signal: signal, logger: logger, slots: DestinationSlots(limit: settings.perDestination))
    }
}

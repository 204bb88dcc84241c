import CoreMetrics
import Foundation
import Hummingbird
import Logging
import OpslineStore
import Postgres
import ServiceLifecycle

/// `opsline serve`: start (or connect to) PostgreSQL, migrate, publish the workflows, make sure
/// an admin can log in, and serve HTTP (or HTTPS) until SIGINT or SIGTERM, then drain.
public struct OpslineServer: Sendable {
    /// The server's settings.
    public let configuration: ServerConfiguration
    /// The series `GET /metrics` shows.
    public let metrics: ServerMetrics
    private let logger: Logger

    /// Creates a server; nothing starts until `run()`.
    /// - Parameter metrics: where the server's series are kept; `opsline serve` bootstraps
    ///   swift-metrics with its factory too.
    public init(
        configuration: ServerConfiguration, logger: Logger = Logger(label: "opsline"),
        metrics: ServerMetrics = ServerMetrics()
    ) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
    }

    /// Runs until a shutdown signal; then stops the embedded PostgreSQL if this server owns it:
    /// it started it, restarted it, or took it over from a server that died without stopping it.
    /// One started by hand (`pg_ctl start`) is left running.
    public func run() async throws {
        let (host, port) = try configuration.hostAndPort()
        let tls = try loadTLS(host: host)
        var dashboard = configuration.dashboard
        // Served over TLS: session cookies are `Secure` on every response.
        if tls != nil { dashboard.secureCookies = true }
        let workflows = try WorkflowDirectory(url: configuration.workflowsDirectory)
        let calendars = try CalendarFile.load(from: configuration.workflowsDirectory)
        let (conninfo, embedded) = try await startDatabase()
        defer {
            if let embedded {
                do {
                    if try embedded.stopIfOwned() {
                        logger.info("stopped the embedded PostgreSQL")
                    } else {
                        logger.info("left the embedded PostgreSQL running: this server does not own it")
                    }
                } catch {
                    logger.error("could not stop PostgreSQL: \(error)")
                }
            }
        }
        let pool = PostgresPool(
            conninfo: conninfo, maximumConnections: configuration.poolSize, logger: logger, metrics: metrics.pool)
        let database = try OpslineDatabase(
            pool: pool, calendars: calendars, receivers: workflows.library.receivers.map(\.name), logger: logger,
            metrics: metrics.store,
            singleCommandTransactions: configuration.transactionsPerCaller,
            batchTransactions: configuration.transactionsPerCaller)
        try await database.prepare()
        try await workflows.publish(to: database.workflows, logger: logger)
        try await workflows.warnOfUnsubscribedReceivers(database.subscriptions, logger: logger)
        try await AdminToken.bootstrap(
            configured: configuration.adminToken, tokens: database.tokens,
            dataDirectory: configuration.dataDirectory, logger: logger)
        let signal = EventSignal(conninfo: conninfo, logger: logger)
        let revocations = EventSignal(conninfo: conninfo, channel: .tokens, logger: logger)
        let notifier = Notifier(settings: configuration.notifications, database: database)
        if let mail = configuration.notifications.mail {
            // The URL redacted: never the password.
            logger.info("sending e-mail", metadata: ["relay": "\(mail.url.redacted)", "from": "\(mail.from)"])
        }
        let app = OpslineApplication.make(
            database: database, signal: signal, revocations: revocations, host: host, port: port,
            headerTimeout: configuration.headerTimeout, bodyTimeout: configuration.bodyTimeout, notifier: notifier,
            dashboard: dashboard, metrics: metrics, tls: tls,
            attachmentMaximumBytes: configuration.attachmentMaximumBytes, logger: logger)
        let pruner = RetentionPruner(
            database: database, idempotencyRetention: configuration.idempotencyRetention,
            deliveryRetention: configuration.notifications.retention, eventRetention: configuration.eventRetention,
            logger: logger)
        let dueSignal = EventSignal(conninfo: conninfo, channel: .due, logger: logger)
        let scheduler = DueWorkScheduler(runner: database.dueWork, signal: dueSignal, logger: logger)
        let invalidator = TokenCacheInvalidator(signal: revocations, tokens: database.tokens)
        let publications = EventSignal(conninfo: conninfo, channel: .workflows, logger: logger)
        let refresher = WorkflowCatalogRefresher(signal: publications, catalog: database.workflows, logger: logger)
        let deliverySignal = EventSignal(conninfo: conninfo, channel: .deliveries, logger: logger)
        let deliverer = notifier.deliverer(database.deliveries, signal: deliverySignal, logger: logger)
        let sampler = TableSizeSampler(database: database, metrics: metrics, logger: logger)
        let projector = FlowProjector(projection: database.flowProjection, signal: signal, logger: logger)
        var services: [any Service] = [
            signal, dueSignal, scheduler, revocations, invalidator, publications, refresher, pruner,
            deliverySignal, deliverer, sampler, projector,
            // Last, so shut down first: the drain ends before the scheduler, signals and pool.
            DrainingApplication(app: app, drainTimeout: configuration.drainTimeout, logger: logger),
        ]
        if let embedded { services.insert(EmbeddedClusterWatchdog(cluster: embedded, logger: logger), at: 0) }
        services.insert(await TLSReloader(certificates: tls, logger: logger), at: 0)
        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        // Series made through swift-metrics while serving (Hummingbird's request metrics) go to
        // this server's registry, whatever the process bootstrapped.
        try await withMetricsFactory(metrics.factory) { try await group.run() }
        await pool.close()
    }

    /// The certificate and key when `--tls-cert`/`--tls-key` name them; without them, a warning
    /// when `host` is not a loopback address (tokens and passwords would cross the network in
    /// clear).
    private func loadTLS(host: String) throws -> TLSCertificates? {
        switch (configuration.tlsCertificate, configuration.tlsKey) {
        case (let certificate?, let key?):
            do {
                let certificates = try TLSCertificates(certificatePath: certificate, keyPath: key)
                logger.info("serving HTTPS", metadata: ["certificate": "\(certificate)"])
                return certificates
            } catch {
                throw ServerStartupError.unusableTLSFile(error.description)
            }
        case (nil, nil):
            if !Self.isLoopback(host) {
                logger.warning(
                    "listening on \(host) without TLS: tokens and passwords cross the network in clear; pass --tls-cert and --tls-key, or listen on 127.0.0.1 behind a proxy that ends TLS"
                )
            }
            return nil
        default:
            throw ServerStartupError.unusableTLSFile("--tls-cert and --tls-key go together: give both or neither")
        }
    }

    /// Whether `host` reaches this machine only: `localhost`, 127.0.0.0/8, `::1`.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The connection string, and the embedded cluster when the server runs one.
    private func startDatabase() async throws -> (String, EmbeddedPostgres?) {
        if let url = configuration.databaseURL, !url.isEmpty { return (url, nil) }
        let cluster = try EmbeddedPostgres(directory: configuration.dataDirectory, logger: logger)
        try await cluster.start()
        logger.info("embedded PostgreSQL ready", metadata: ["data": "\(cluster.directory.path)"])
        return (cluster.conninfo(), cluster)
    }
}

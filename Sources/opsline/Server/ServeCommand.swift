import ArgumentParser
import Foundation
import Logging
import Metrics
import OpslineServer
import Workflow

/// `opsline serve`: the HTTP server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Opsline server.",
        discussion: """
            Without --database-url the server runs its own PostgreSQL cluster in --data-dir \
            (initdb on first start, unix socket only, restarted when it dies, stopped on \
            SIGINT/SIGTERM, after the HTTP drain; after a crash a start waits for the old one and clears stale lock \
            files). Every flag has \
            an environment twin. OPSLINE_ADMIN_TOKEN=<secret> makes that secret an admin token; \
            without it the first start writes one to <data-dir>/admin-token (mode 0600). \
            SIGTERM or SIGINT drains: no new connections, /readyz answers 503, followed streams \
            end with a final line, requests in flight finish within --drain-timeout.
            """
    )

    @Option(help: "Address to listen on, host:port. [env: OPSLINE_LISTEN]")
    var listen: String?

    @Option(help: "PostgreSQL URL or conninfo; omit to run the embedded cluster. [env: OPSLINE_DATABASE_URL]")
    var databaseURL: String?

    @Option(help: "Folder for the embedded cluster and the admin token. [env: OPSLINE_DATA_DIR]")
    var dataDir: String?

    @Option(help: "Folder of workflow YAML files to publish at start-up. [env: OPSLINE_WORKFLOWS]")
    var workflows: String?

    @Option(help: "How long idempotency keys are kept, e.g. 7d or 36h. [env: OPSLINE_IDEMPOTENCY_RETENTION]")
    var idempotencyRetention: String?

    @Option(
        help: """
            How long events are kept, e.g. 400d; older ones are pruned hourly in small batches. \
            Default: for ever. [env: OPSLINE_EVENT_RETENTION]
            """)
    var eventRetention: String?

    @Option(
        help: """
            How long a connection has to send a complete request head, from when it opened or its \
            previous response was written, e.g. 30s or 2m. [env: OPSLINE_HEADER_TIMEOUT]
            """)
    var headerTimeout: String?

    @Option(
        help: """
            How long a request's body may take to arrive, from its head, e.g. 60s or 2m; later is \
            answered 408. [env: OPSLINE_BODY_TIMEOUT]
            """)
    var bodyTimeout: String?

    @Option(
        help: """
            The largest file accepted on a task, e.g. 25MiB (the default) or 100MiB. A large file \
            may need a longer --body-timeout. [env: OPSLINE_ATTACHMENT_MAX_SIZE]
            """)
    var attachmentMaxSize: String?

    @Option(
        help: """
            How long a dashboard session lasts without use, e.g. 12h or 30m; then the browser \
            signs in again. [env: OPSLINE_SESSION_IDLE]
            """)
    var sessionIdle: String?

    @Option(
        help: ArgumentHelp(
            "Serve HTTPS with this certificate chain (PEM), read again on SIGHUP; needs --tls-key. [env: OPSLINE_TLS_CERT]",
            valueName: "file"))
    var tlsCert: String?

    @Option(
        help: ArgumentHelp(
            "The certificate's private key (PEM), read again on SIGHUP. [env: OPSLINE_TLS_KEY]", valueName: "file"))
    var tlsKey: String?

    @Option(
        help: """
            How long requests in flight may take to finish after SIGTERM or SIGINT before their \
            connections are closed, e.g. 30s or 2m. [env: OPSLINE_DRAIN_TIMEOUT]
            """)
    var drainTimeout: String?

    @Option(
        help: """
            How many transactions of one caller's single commands run at once; its commands that \
            arrive while all are busy share the next one, each with its own answer. As many of its \
            batches' transactions run at once; its further batches wait their turn. 0: every \
            command and batch at once in its own. Default: one per CPU, at least 2. \
            [env: OPSLINE_CALLER_TRANSACTIONS]
            """)
    var callerTransactions: Int?

    @OptionGroup(title: "Notifications")
    var notifications: NotificationOptions

    @OptionGroup(title: "Logs")
    var logging: LoggingOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = ServerConfiguration()
        configuration.listen = listen ?? environment["OPSLINE_LISTEN"] ?? configuration.listen
        configuration.databaseURL = databaseURL ?? environment["OPSLINE_DATABASE_URL"]
        if let path = dataDir ?? environment["OPSLINE_DATA_DIR"] {
            configuration.dataDirectory = URL(fileURLWithPath: path)
        }
        if let path = workflows ?? environment["OPSLINE_WORKFLOWS"] {
            configuration.workflowsDirectory = URL(fileURLWithPath: path)
        }
        configuration.adminToken = environment["OPSLINE_ADMIN_TOKEN"]
        if let text = idempotencyRetention ?? environment["OPSLINE_IDEMPOTENCY_RETENTION"] {
            let retention = try DurationArgument.parse(
                text, option: "--idempotency-retention", examples: "7d or 36h", positive: true)
            configuration.idempotencyRetention = .seconds(retention.seconds)
        }
        if let text = eventRetention ?? environment["OPSLINE_EVENT_RETENTION"] {
            let retention = try DurationArgument.parse(
                text, option: "--event-retention", examples: "400d or 9600h", positive: true)
            configuration.eventRetention = .seconds(retention.seconds)
        }
        if let text = headerTimeout ?? environment["OPSLINE_HEADER_TIMEOUT"] {
            let timeout = try DurationArgument.parse(
                text, option: "--header-timeout", examples: "30s or 2m", positive: true)
            configuration.headerTimeout = .seconds(timeout.seconds)
        }
        if let text = bodyTimeout ?? environment["OPSLINE_BODY_TIMEOUT"] {
            let timeout = try DurationArgument.parse(
                text, option: "--body-timeout", examples: "60s or 2m", positive: true)
            configuration.bodyTimeout = .seconds(timeout.seconds)
        }
        if let text = attachmentMaxSize ?? environment["OPSLINE_ATTACHMENT_MAX_SIZE"] {
            configuration.attachmentMaximumBytes = try ByteSizeArgument.parse(text, option: "--attachment-max-size")
        }
        if let text = sessionIdle ?? environment["OPSLINE_SESSION_IDLE"] {
            let idle = try DurationArgument.parse(
                text, option: "--session-idle", examples: "12h or 30m", positive: true)
            configuration.dashboard.sessionIdle = .seconds(idle.seconds)
        }
        configuration.tlsCertificate = Self.nonEmpty(tlsCert ?? environment["OPSLINE_TLS_CERT"])
        configuration.tlsKey = Self.nonEmpty(tlsKey ?? environment["OPSLINE_TLS_KEY"])
        if let text = drainTimeout ?? environment["OPSLINE_DRAIN_TIMEOUT"] {
            let timeout = try DurationArgument.parse(
                text, option: "--drain-timeout", examples: "30s or 2m", positive: true)
            configuration.drainTimeout = .seconds(timeout.seconds)
        }
        if let count = try callerTransactions ?? Self.integer(environment, "OPSLINE_CALLER_TRANSACTIONS") {
            guard count >= 0 else { throw ValidationError("--caller-transactions must be 0 or more, not \(count)") }
            configuration.callerTransactions = count
        }
        configuration.notifications = try notifications.settings(environment)
        // People reach the server over https: its session cookies are `Secure` even when the
        // proxy in front does not say `X-Forwarded-Proto`.
        configuration.dashboard.secureCookies =
            configuration.notifications.publicURL?.lowercased().hasPrefix("https://") ?? false
        let (logFormat, logLevel) = try logging.settings(environment)
        LoggingSystem.bootstrap { LineLogHandler(label: $0, format: logFormat, level: logLevel) }
        // One server per process: swift-metrics' global system is its registry too.
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        do {
            try await OpslineServer(configuration: configuration, metrics: metrics).run()
        } catch let error as ServerStartupError {
            throw StartupFailure(message: error.description)
        }
    }
}

extension ServeCommand {
    /// `value`, or nil when it is empty (an unset environment twin written as `VAR=`).
    static func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The whole number environment variable `name` holds, if set.
    static func integer(_ environment: [String: String], _ name: String) throws -> Int? {
        guard let text = nonEmpty(environment[name]) else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name) must be a whole number, not '\(text)'") }
        return value
    }
}

/// A start-up failure printed as one plain line (`file:line: what is wrong`), exit status 1.
struct StartupFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

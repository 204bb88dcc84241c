import Foundation

/// How `opsline serve` is set up; each value has a flag and an environment twin.
public struct ServerConfiguration: Sendable {
    /// `host:port` to listen on (`--listen`, `OPSLINE_LISTEN`).
    public var listen: String = "127.0.0.1:8080"
    /// An external PostgreSQL (`--database-url`, `OPSLINE_DATABASE_URL`); nil runs the embedded one.
    public var databaseURL: String?
    /// Where the embedded cluster and the generated admin token live (`--data-dir`).
    public var dataDirectory: URL = URL(fileURLWithPath: ".opsline")
    /// The workflow files to publish at start-up (`--workflows`, `OPSLINE_WORKFLOWS`).
    public var workflowsDirectory: URL = URL(fileURLWithPath: "workflows")
    /// A secret that must work as an admin token (`OPSLINE_ADMIN_TOKEN`).
    public var adminToken: String?
    /// How long idempotency keys are kept (`--idempotency-retention`); at least 7 days by default.
    public var idempotencyRetention: Duration = .seconds(7 * 86_400)
    /// How long events stay in the log before every replica's hourly pass prunes them (the stream
    /// then answers `410 Gone` to a cursor below them); nil keeps them for ever.
    public var eventRetention: Duration? = nil
    /// How long a connection has to deliver a complete request head, counted from when it opened
    /// or its previous response was written; also how long an idle keep-alive connection is kept
    /// (`--header-timeout`, `OPSLINE_HEADER_TIMEOUT`).
    public var headerTimeout: Duration = .seconds(30)
    /// How long a request's body may take to arrive, counted from its head; later is answered
    /// `408 timeout` and the connection closed (`--body-timeout`, `OPSLINE_BODY_TIMEOUT`).
    public var bodyTimeout: Duration = NDJSON.Limits.bodyReadTime
    /// The largest file accepted on a task, in bytes (`--attachment-max-size`,
    /// `OPSLINE_ATTACHMENT_MAX_SIZE`); nil: 25 MiB.
    public var attachmentMaximumBytes: Int64?
    /// Where notifications may go and how they are sent (`--allow-insecure-webhooks`,
    /// `--webhook-allow`, `--webhook-timeout`, `--public-url`).
    public var notifications = NotificationSettings(destinations: .secure)
    /// How the dashboard signs people in (`--session-idle`).
    public var dashboard = DashboardSettings()
    /// The certificate chain to serve HTTPS with, PEM (`--tls-cert`, `OPSLINE_TLS_CERT`); read
    /// again on `SIGHUP`. Nil (with `tlsKey`): plain HTTP.
    public var tlsCertificate: String?
    /// The certificate's private key, PEM (`--tls-key`, `OPSLINE_TLS_KEY`).
    public var tlsKey: String?
    /// How long requests in flight may take to finish after `SIGTERM`/`SIGINT` before their
    /// connections are closed (`--drain-timeout`, `OPSLINE_DRAIN_TIMEOUT`).
    public var drainTimeout: Duration = .seconds(30)
    /// How many transactions of one caller's single commands (`POST /v1/tasks/{id}/transitions`,
    /// `PATCH`, comments) run at once; the caller's commands that arrive while all are busy
    /// wait and share the next one, each with its own outcome (`--caller-transactions`,
    /// `OPSLINE_CALLER_TRANSACTIONS`). As many of the caller's batch transactions run at once;
    /// its further batches wait their turn. 0: each runs in a transaction of its own at once. By
    /// default one per CPU, at least 2.
    public var callerTransactions: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// ``callerTransactions`` as the stores take it: nil for no limit.
    public var transactionsPerCaller: Int? { callerTransactions > 0 ? callerTransactions : nil }
    /// Connections in the pool.
    var poolSize: Int = 16

    /// The defaults.
    public init() {}

    /// `listen` split into host and port.
    func hostAndPort() throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ServerStartupError.badListenAddress(listen) }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}

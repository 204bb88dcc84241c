/// Every series `/metrics` shows that is made through swift-metrics: its Prometheus name, HELP
/// text and histogram buckets, and how the names Hummingbird's `MetricsMiddleware` uses
/// (OpenTelemetry's `http.server.request.duration`, …) become Opsline's.
///
/// A HELP text must be the same for every label set of a series (the registry refuses a second
/// one), so it lives here, once, rather than where each series is made.
enum MetricCatalog {
    /// The swift-metrics label and dimension names Hummingbird's `MetricsMiddleware` records
    /// under, and the Prometheus names they are shown as.
    static let renamed: [String: String] = [
        "http.server.request.duration": "opsline_http_request_duration_seconds",
        "hb.requests": "opsline_http_requests_total",
        "hb.request.errors": "opsline_http_request_errors_total",
        "http.server.active_requests": "opsline_http_active_requests",
    ]
    // Pairs rather than a dictionary literal: OpenAPIDocumentTests reads `code": "…"` in the
    // sources as an error code.
    static let renamedLabels = Dictionary(
        uniqueKeysWithValues: [
            ("http.route", "route"), ("http.request.method", "method"), ("http.response.status_code", "status"),
            ("error.type", "status"),
        ])

    static let help: [String: String] = [
        "opsline_http_request_duration_seconds":
            "Time from a request's head to its response's last byte, by route template, method and status.",
        "opsline_http_requests_total": "Requests answered, by route template, method and status.",
        "opsline_http_request_errors_total": "Requests answered with an error a handler threw, by route and status.",
        "opsline_http_active_requests": "Requests in progress, by method.",
        "opsline_commands_total":
            "Task commands (create, transition, update, comment) sent through the API, by kind and outcome.",
        "opsline_events_appended_total": "Events this process committed to the event log.",
        "opsline_batches_rerun_total":
            "Batches of lines run again with a savepoint per line: a line was refused after its SQL went out, or PostgreSQL refused a statement.",
        "opsline_commands_shared_total":
            "Single commands applied in a transaction shared with other commands of the same caller that arrived while its transactions were busy.",
        "opsline_batch_turn_wait_seconds":
            "Time a batch's transaction waited for its caller's turn: at most --caller-transactions of one caller's run at once.",
        "opsline_transactions_retried_total":
            "Transactions run again after a serialization failure or a deadlock, by reason.",
        "opsline_due_work_claims_total": "Scheduler transactions that claimed and applied due work.",
        "opsline_due_work_applied_total": "Due rows (timers, SLA clock steps) the scheduler applied.",
        "opsline_due_work_claim_duration_seconds": "Duration of a scheduler transaction that applied due work.",
        "opsline_notification_deliveries_total": "Notification delivery attempts, by channel and outcome.",
        "opsline_pool_wait_seconds": "Time a borrower waited for a PostgreSQL connection from the pool.",
        "opsline_table_rows_estimated":
            "Rows in a table, estimated from PostgreSQL's statistics (sampled every minute).",
        "opsline_table_size_bytes": "Bytes a table takes on disk, indexes and TOAST included (sampled every minute).",
    ]

    /// Buckets of the duration histograms, by name; others use `defaultDurationBuckets`.
    static let durationBuckets: [String: [Duration]] = [
        "opsline_pool_wait_seconds": waitBuckets,
        "opsline_batch_turn_wait_seconds": waitBuckets,
    ]
    /// Waits are mostly none, or a fraction of a transaction.
    private static let waitBuckets: [Duration] = [
        .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5),
    ]
    static let defaultDurationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]
    static let defaultValueBuckets: [Double] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]

    /// The Prometheus name and labels of a swift-metrics label and dimensions.
    static func map(_ label: String, _ dimensions: [(String, String)]) -> (String, [(String, String)]) {
        (renamed[label] ?? label, dimensions.map { (renamedLabels[$0.0] ?? $0.0, $0.1) })
    }
}

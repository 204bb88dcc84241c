import CoreMetrics

/// What a pool reports as it works: how long borrowers wait for a connection, and the
/// transactions it runs again after a serialization failure or a deadlock.
///
/// The pool only records into these; the server that owns the pool decides where they go (its
/// `/metrics`). The pool's gauges — open, in use, waiting — are read at scrape time from
/// ``PostgresPool/statistics`` instead, so that a borrow costs nothing more for them.
public struct PostgresPoolMetrics: Sendable {
    /// Every borrow's wait for a connection (zero when one was free at once).
    public let waitTime: CoreMetrics.Timer
    /// Transactions run again after a serialization failure (SQLSTATE 40001).
    public let serializationRetries: Counter
    /// Transactions run again after a deadlock (SQLSTATE 40P01).
    public let deadlockRetries: Counter

    /// Series named for Prometheus, made by `factory`.
    public init(factory: any MetricsFactory) {
        waitTime = Timer(label: Self.waitTimeLabel, factory: factory)
        serializationRetries = Counter(
            label: Self.retriesLabel, dimensions: [("reason", "serialization_failure")], factory: factory)
        deadlockRetries = Counter(label: Self.retriesLabel, dimensions: [("reason", "deadlock")], factory: factory)
    }

    /// Records nothing.
    public static var none: PostgresPoolMetrics { PostgresPoolMetrics(factory: NOOPMetricsHandler.instance) }

    /// The name of the wait-time histogram.
    public static let waitTimeLabel = "opsline_pool_wait_seconds"
    /// The name of the retried-transactions counter (label `reason`).
    public static let retriesLabel = "opsline_transactions_retried_total"
}

/// A pool's books at one moment (``PostgresPool/statistics``).
public struct PostgresPoolStatistics: Sendable, Hashable {
    /// Connections open, idle or borrowed.
    public var open: Int
    /// Connections borrowed right now.
    public var inUse: Int
    /// Borrowers waiting for a connection to come back.
    public var waiting: Int
    /// The most connections the pool opens.
    public var maximum: Int
}

extension Duration {
    /// The whole duration in nanoseconds, as a metrics `Timer` records it.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

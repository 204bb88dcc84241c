import Logging
import OpslineStore
import Postgres
import Prometheus
import Synchronization

/// A server's metrics: the Prometheus registry `GET /metrics` renders, the swift-metrics factory
/// over it, the series the pool and the stores record into, and the gauges read at scrape time.
///
/// Each server has its own registry, so servers in one process (tests) never share series;
/// `opsline serve` also bootstraps swift-metrics' global system with ``factory``.
public final class ServerMetrics: Sendable {
    /// The series, rendered by `/metrics`.
    public let registry: PrometheusCollectorRegistry
    /// swift-metrics over ``registry``, with Opsline's names and HELP texts.
    public let factory: OpslineMetricsFactory
    /// What the stores count (commands, events, due work, deliveries).
    public let store: StoreMetrics
    /// What the pool records (waits, retried transactions).
    public let pool: PostgresPoolMetrics
    /// The followed event streams and their positions.
    let followers = FollowerBook()

    private let poolOpen: Prometheus.Gauge
    private let poolInUse: Prometheus.Gauge
    private let poolWaiting: Prometheus.Gauge
    private let poolMaximum: Prometheus.Gauge
    private let followerCount: Prometheus.Gauge
    private let followerLag: Prometheus.Gauge
    private let dueBacklog: Prometheus.Gauge
    private let oldestOverdue: Prometheus.Gauge
    private let logHead: Prometheus.Gauge
    private let sampleFailures: Prometheus.Counter
    /// The log head as last read, for the followers' lag.
    private let lastLogHead = Atomic<Int64>(0)

    /// Metrics kept in `registry` (a new one by default).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        let factory = OpslineMetricsFactory(registry: registry)
        self.registry = registry
        self.factory = factory
        store = StoreMetrics(factory: factory)
        pool = PostgresPoolMetrics(factory: factory)
        poolOpen = registry.makeGauge(
            descriptor: .named(
                "opsline_pool_connections_open", help: "PostgreSQL connections the pool holds open, idle or borrowed."))
        poolInUse = registry.makeGauge(
            descriptor: .named(
                "opsline_pool_connections_in_use", help: "PostgreSQL connections borrowed from the pool right now."))
        poolWaiting = registry.makeGauge(
            descriptor: .named(
                "opsline_pool_waiting_borrowers", help: "Requests and tasks waiting for a pooled connection."))
        poolMaximum = registry.makeGauge(
            descriptor: .named("opsline_pool_connections_max", help: "The most connections the pool opens."))
        followerCount = registry.makeGauge(
            descriptor: .named(
                "opsline_event_followers", help: "Followed event streams (GET /v1/events?follow=true) open."))
        followerLag = registry.makeGauge(
            descriptor: .named(
                "opsline_event_follower_lag_events",
                help:
                    "Events committed after the furthest-behind follower's position; 0 when every follower is caught up."
            ))
        dueBacklog = registry.makeGauge(
            descriptor: .named(
                "opsline_due_work_backlog", help: "Due rows (timers, SLA clock steps) whose time has come."))
        oldestOverdue = registry.makeGauge(
            descriptor: .named(
                "opsline_due_work_oldest_overdue_seconds",
                help: "How long the oldest due row has been due: the SLA detection lag. 0 when none is overdue."))
        logHead = registry.makeGauge(
            descriptor: .named("opsline_event_log_head", help: "The seq of the newest committed event (all replicas)."))
        sampleFailures = registry.makeCounter(
            descriptor: .named(
                "opsline_metrics_sample_failures_total",
                help: "Scrapes or table samples whose database read failed (their gauges kept older values)."))
    }

    /// The Prometheus text after reading the gauges that are read at scrape time: the pool's
    /// books and the followers (memory), the due-work backlog, the oldest overdue row and the
    /// log head (three index look-ups). When the database does not answer, those keep their
    /// last values and the failure is counted.
    func render(database: OpslineDatabase, signal: EventSignal) async -> [UInt8] {
        let books = database.pool.statistics
        poolOpen.set(to: Double(books.open))
        poolInUse.set(to: Double(books.inUse))
        poolWaiting.set(to: Double(books.waiting))
        poolMaximum.set(to: Double(books.maximum))
        let generation = signal.generation
        do {
            let sample = try await database.liveSample()
            dueBacklog.set(to: Double(sample.dueNow))
            oldestOverdue.set(to: sample.oldestOverdueSeconds)
            logHead.set(to: Double(sample.logHead))
            lastLogHead.store(sample.logHead, ordering: .relaxed)
        } catch {
            sampleFailures.increment()
        }
        let followed = followers.snapshot(
            logHead: lastLogHead.load(ordering: .relaxed), generation: generation)
        followerCount.set(to: Double(followed.count))
        followerLag.set(to: Double(followed.maximumLag))
        return registry.emitToBuffer()
    }

    /// Keeps the sampled table sizes (``TableSizeSampler``).
    func record(_ tables: [TableSize]) {
        for table in tables {
            let labels = [("table", table.name)]
            registry.makeGauge(descriptor: .named("opsline_table_rows_estimated"), labels: labels).set(to: table.rows)
            registry.makeGauge(descriptor: .named("opsline_table_size_bytes"), labels: labels).set(to: table.bytes)
        }
    }

    /// Counts a table sample that failed.
    func countSampleFailure() { sampleFailures.increment() }
}

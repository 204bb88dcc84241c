import CoreMetrics
import Prometheus

/// The swift-metrics factory over a server's Prometheus registry: series made through
/// swift-metrics (Hummingbird's `MetricsMiddleware`, the pool's, the stores') get Opsline's names
/// and labels, their HELP text and their buckets from ``MetricCatalog``.
///
/// Unlike swift-prometheus's own factory, it never registers a series without its HELP text,
/// which the registry would then refuse to add later.
public struct OpslineMetricsFactory: MetricsFactory {
    /// Where the series are kept and rendered from.
    public let registry: PrometheusCollectorRegistry

    /// A factory making series in `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let (name, labels) = MetricCatalog.map(label, dimensions)
        return registry.makeCounter(descriptor: .named(name), labels: labels)
    }

    public func makeFloatingPointCounter(
        label: String, dimensions: [(String, String)]
    ) -> any FloatingPointCounterHandler {
        let (name, labels) = MetricCatalog.map(label, dimensions)
        return registry.makeCounter(descriptor: .named(name), labels: labels)
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        let (name, labels) = MetricCatalog.map(label, dimensions)
        guard aggregate else { return registry.makeGauge(descriptor: .named(name), labels: labels) }
        return registry.makeValueHistogram(
            descriptor: .named(name), labels: labels, buckets: MetricCatalog.defaultValueBuckets)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        let (name, labels) = MetricCatalog.map(label, dimensions)
        return registry.makeGauge(descriptor: .named(name), labels: labels)
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        let (name, labels) = MetricCatalog.map(label, dimensions)
        return registry.makeDurationHistogram(
            descriptor: .named(name), labels: labels,
            buckets: MetricCatalog.durationBuckets[name] ?? MetricCatalog.defaultDurationBuckets)
    }

    public func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    public func destroyRecorder(_ handler: any RecorderHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
        if let histogram = handler as? ValueHistogram { registry.unregisterValueHistogram(histogram) }
    }

    public func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    public func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}

extension MetricNameDescriptor {
    /// The series `name` as it is, with its HELP text from ``MetricCatalog`` (or `help`).
    static func named(_ name: String, help: String? = nil) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help ?? MetricCatalog.help[name] ?? "")
    }
}

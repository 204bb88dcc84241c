import Logging
import OpslineStore
import TestSupport

@testable import OpslineServer

/// The notification deliverer running on a test's time, as `opsline serve` runs it.
enum RunningDeliverer {
    /// Sends to 127.0.0.1 over plain HTTP, as the test receivers listen; otherwise the defaults.
    static func localSettings(perDestination: Int = 4, timeout: Duration = .seconds(10)) throws -> NotificationSettings
    {
        var settings = NotificationSettings(
            destinations: try DestinationPolicy(allowsInsecure: true, allowed: ["127.0.0.1"]))
        settings.perDestination = perDestination
        settings.timeout = timeout
        return settings
    }

    /// Runs `body` while a deliverer sends `database`'s outbox, then stops it.
    static func with<Value: Sendable>(
        _ database: OpslineDatabase, settings: NotificationSettings, batchSize: Int = 50,
        _ body: @Sendable () async throws -> Value
    ) async throws -> Value {
        let signal = EventSignal(conninfo: database.pool.conninfo, channel: .deliveries)
        var deliverer = Notifier(settings: settings, database: database)
            .deliverer(database.deliveries, signal: signal, logger: Logger(label: "test"))
        deliverer.batchSize = batchSize
        return try await withBackgroundServices([signal.run, { [deliverer] in try await deliverer.run() }]) {
            await signal.listening()
            return try await body()
        }
    }
}

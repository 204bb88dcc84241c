import Logging
import OpslineStore
import TestSupport

@testable import OpslineServer

/// The notification deliverer running on a test's time, as `opsline serve` runs it.
enum RunningDeliverer {
    /// Sends to 127.0.0.1 over plain HTTP, as the test receivers listen; otherwise the defaults.
    /// An attempt may take a minute: on a loaded machine a TLS handshake with the Python relay
    /// can take over 10 s, and a failed attempt waits for a retry the test's clock never reaches.
    /// Tests of slow receivers set their own timeout.
    static func localSettings(perDestination: Int = 4, timeout: Duration = .seconds(60)) throws -> NotificationSettings
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

import CoreMetrics
import Hummingbird
import HummingbirdTesting
import Logging
@testable import OpslineServer
import Testing

extension TestServer {
    /// Runs `body` with the port of a real server on 127.0.0.1 that serves HTTP/1.1 with the
    /// connection settings `opsline serve` uses, then closes the pool.
    /// - Parameters:
    ///   - headerTimeout: How long a connection has to deliver a request head.
    ///   - bodyTimeout: How long a request body may take to arrive, from its head.
    ///   - heartbeat: How long a followed event stream stays silent before a heartbeat line.
    ///   - revocations: Fires when a token is revoked (`NotifyChannel.tokens`); the test may wait
    ///     on it. By default one of the server's own.
    func runLive<Value: Sendable>(
        headerTimeout: Duration, bodyTimeout: Duration = .seconds(60), heartbeat: Duration = .seconds(15),
        revocations: EventSignal? = nil, notifications: NotificationSettings? = nil, logger: Logger? = nil,
        _ body: @Sendable (_ port: Int) async throws -> Value
    ) async throws -> Value {
        let signal = EventSignal(conninfo: pool.conninfo)
        let revocations = revocations ?? EventSignal(conninfo: pool.conninfo, channel: .tokens)
        let listening = Task { try await signal.run() }
        let listeningForRevocations = Task { try await revocations.run() }
        defer {
            listening.cancel()
            listeningForRevocations.cancel()
        }
        let app = Application(
            router: OpslineApplication.router(
                database: database, signal: signal, revocations: revocations, heartbeat: heartbeat,
                notifier: notifications.map { Notifier(settings: $0, database: database) }, metrics: metrics),
            server: .http1(
                configuration: OpslineApplication.http1Configuration(
                    headerTimeout: headerTimeout, bodyTimeout: bodyTimeout)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        defer { Task { [pool] in await pool.close() } }
        return try await withMetricsFactory(metrics.factory) {
            try await app.test(.live) { client in
                try await body(try #require(client.port, "the live server reports its port"))
            }
        }
    }
}

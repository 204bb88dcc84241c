import Logging

/// What a `PostgresListener` reports.
public enum PostgresListenerEvent: Sendable, Hashable {
    /// A notification arrived.
    case notification(PostgresNotification)
    /// The listening connection was (re)established. Notifications sent while it was down are
    /// lost, so a consumer should re-read whatever it follows.
    case connected
}

/// Follows `NOTIFY` on a set of channels over one dedicated connection, reconnecting after
/// failures with a capped back-off until the consuming task is cancelled.
public struct PostgresListener: Sendable {
    /// The connection string to listen on.
    public let conninfo: String
    /// The channels to `LISTEN` on.
    public let channels: [String]
    /// How long one wait for input lasts; bounds how quickly cancellation is noticed.
    var pollInterval: Duration = .milliseconds(250)
    private let logger: Logger

    /// Creates a listener; nothing happens until `events()` is iterated.
    public init(conninfo: String, channels: [String], logger: Logger = Logger(label: "opsline.listen")) {
        self.conninfo = conninfo
        self.channels = channels
        self.logger = logger
    }

    /// The stream of events. It ends when the iterating task is cancelled.
    public func events() -> AsyncStream<PostgresListenerEvent> {
        AsyncStream { continuation in
            let task = Task { await run(continuation) }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func run(_ continuation: AsyncStream<PostgresListenerEvent>.Continuation) async {
        var backoff = Duration.milliseconds(100)
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    conninfo, applicationName: "opsline-listen", logger: logger)
                defer { Task { await connection.close() } }
                for channel in channels { try await connection.listen(channel) }
                continuation.yield(.connected)
                backoff = .milliseconds(100)
                while !Task.isCancelled {
                    for notification in try await connection.waitForNotifications(timeout: pollInterval) {
                        continuation.yield(.notification(notification))
                    }
                }
            } catch {
                logger.warning("listening connection failed; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
            }
        }
        continuation.finish()
    }
}

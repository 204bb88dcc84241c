import Logging
import Synchronization

/// Log entries captured in memory, for tests that assert what a server logged: make a logger with
/// ``logger(level:)``, hand it to the server, then read ``entries``.
public final class CapturedLog: Sendable {
    /// One captured entry: its level, message and metadata (the logger's and the entry's own).
    public struct Entry: Sendable, CustomStringConvertible {
        public let level: Logger.Level
        public let label: String
        public let message: String
        public let metadata: [String: String]

        /// The id of the request it was logged for (Hummingbird's `hb.request.id`).
        public var requestID: String? { metadata["hb.request.id"] }

        /// The entry as one line, every value included: what a grep of the log would see.
        public var description: String {
            "\(level) \(label): \(message) "
                + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }

    private let captured = Mutex<[Entry]>([])

    public init() {}

    /// Every entry so far, in order.
    public var entries: [Entry] { captured.withLock { $0 } }

    /// The entries with `message`.
    public func entries(_ message: String) -> [Entry] { entries.filter { $0.message == message } }

    /// The first entry with `message` that `matches`, waiting up to `limit` for it (entries written
    /// when a response's last byte went out may land a moment after the client read it).
    public func first(
        _ message: String, within limit: Duration = .seconds(10), where matches: (Entry) -> Bool = { _ in true }
    ) async -> Entry? {
        let deadline = ContinuousClock.now + limit
        while true {
            if let entry = entries(message).first(where: matches) { return entry }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// A logger whose entries from `level` up land here.
    public func logger(label: String = "test", level: Logger.Level = .trace) -> Logger {
        Logger(label: label) { label in Handler(label: label, sink: self, logLevel: level) }
    }

    fileprivate func append(_ entry: Entry) {
        captured.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let label: String
        let sink: CapturedLog
        var logLevel: Logger.Level
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.append(
                Entry(
                    level: event.level, label: label, message: event.message.description,
                    metadata: all.mapValues { $0.description }))
        }
    }
}

import Logging

/// How `opsline serve` writes its log (`--log-format`): one line per entry either way.
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: `timestamp`, `level`, `label`, `message`, the entry's metadata
    /// as fields of their own, and `source` (the module that logged).
    case json
    /// `TIMESTAMP LEVEL LABEL: MESSAGE key=value …`, for people reading a terminal.
    case text
}

extension Logger.Level {
    /// The level named `name` (`trace` … `critical`), or nil.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}

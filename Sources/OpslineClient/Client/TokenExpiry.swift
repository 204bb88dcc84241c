import Foundation
import Workflow

/// When a new token should expire, from `--expires-in 30d` or `--expires-at 2026-12-31T00:00:00Z`.
public enum TokenExpiry {
    /// The expiry time the options ask for, or `nil` when neither is given.
    ///
    /// - Parameters:
    ///   - expiresIn: A duration such as `30d`, `12h` or `1d12h` (a day is 24 hours).
    ///   - expiresAt: An RFC 3339 time.
    ///   - now: The time `expiresIn` counts from.
    /// - Throws: ``ConfigurationError`` for both options at once, a malformed value, or a time
    ///   that is not in the future.
    public static func date(
        expiresIn: String?, expiresAt: String?, now: Date = Date()
    ) throws(ConfigurationError) -> Date? {
        switch (expiresIn, expiresAt) {
        case (nil, nil):
            return nil
        case (.some, .some):
            throw ConfigurationError("give --expires-in or --expires-at, not both")
        case (let text?, nil):
            guard case .success(let duration) = WorkDuration.checked(text), duration.seconds > 0 else {
                throw ConfigurationError(
                    "--expires-in: '\(text)' is not a duration such as 30d, 12h or 1d12h, of at most \(WorkDuration.longest)"
                )
            }
            return now.addingTimeInterval(TimeInterval(duration.seconds))
        case (nil, let text?):
            guard let date = RFC3339.parse(text) else {
                throw ConfigurationError(
                    "--expires-at: '\(text)' is not an RFC 3339 time such as 2026-12-31T00:00:00Z")
            }
            guard date > now else {
                throw ConfigurationError("--expires-at: \(text) is not in the future")
            }
            return date
        }
    }
}

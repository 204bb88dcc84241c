import Foundation
import Workflow

/// Writes the RFC 3339 UTC times of API lines (`2026-11-22T08:00:00Z`); `RFC3339.parse` reads them.
enum Timestamp {
    /// Formats a time as RFC 3339 UTC with whole seconds.
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

extension KeyedDecodingContainer {
    /// Decodes an RFC 3339 time, whatever date strategy the decoder has.
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "'\(text)' is not an RFC 3339 time")
        }
        return date
    }

    /// Decodes an RFC 3339 time that may be missing or `null`.
    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard try contains(key) && !decodeNil(forKey: key) else { return nil }
        return try decodeTimestamp(forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// Encodes a time as RFC 3339 text, whatever date strategy the encoder has.
    mutating func encodeTimestamp(_ date: Date?, forKey key: Key) throws {
        try encodeIfPresent(date.map(Timestamp.format), forKey: key)
    }
}

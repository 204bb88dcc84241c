import Foundation

/// RFC 3339 UTC timestamps with milliseconds, as every API line carries them:
/// `2026-11-25T16:23:37.123Z`.
public enum RFC3339 {
    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, in seconds since 1970: the instants
    /// with four-digit years.
    static let earliestSeconds: Double = -62_135_596_800
    static let latestSeconds: Double = 253_402_300_799.999

    /// The instants RFC 3339 can write, those with four-digit years: from
    /// 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z. A deadline must be one of them
    /// (``DeadlineError``).
    public static let writableInstants =
        Date(timeIntervalSince1970: earliestSeconds)...Date(timeIntervalSince1970: latestSeconds)

    /// Whether `instant` is one of ``writableInstants``. (`writableInstants.contains` holds for
    /// an instant that is not a number: `Date` derives `<=` from `<`.)
    public static func canWrite(_ instant: Date) -> Bool {
        let seconds = instant.timeIntervalSince1970
        return seconds >= earliestSeconds && seconds <= latestSeconds
    }

    /// `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, formatted by hand (a format style per call was a
    /// measurable part of rendering task lines).
    ///
    /// Total: an instant outside the years 1 to 9999, which RFC 3339 cannot write, is written as
    /// the nearest instant it can (durations are bounded, ``WorkDuration/longest``, so only a
    /// pathological calendar gets there), rather than trapping on the conversion.
    /// - Parameter date: The instant.
    public static func format(_ date: Date) -> String {
        // Rounded to PostgreSQL's microseconds first, so a binary artefact such as .12299999 is
        // .123, then truncated to milliseconds.
        let sinceEpoch = date.timeIntervalSince1970
        let writable = sinceEpoch.isNaN ? earliestSeconds : min(max(sinceEpoch, earliestSeconds), latestSeconds)
        let microseconds = Int64((writable * 1_000_000).rounded())
        let (totalMilliseconds, _) = microseconds.floorDivided(by: 1000)
        let (days, dayMilliseconds) = totalMilliseconds.floorDivided(by: 86_400_000)
        let (year, month, day) = CalendarDay(ordinal: Int(days)).components
        let seconds = dayMilliseconds / 1000
        var text = ""
        text.reserveCapacity(24)
        func append(_ value: some BinaryInteger, width: Int) {
            let digits = String(value)
            text += String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        append(year, width: 4)
        text += "-"
        append(month, width: 2)
        text += "-"
        append(day, width: 2)
        text += "T"
        append(seconds / 3600, width: 2)
        text += ":"
        append(seconds / 60 % 60, width: 2)
        text += ":"
        append(seconds % 60, width: 2)
        text += "."
        append(dayMilliseconds % 1000, width: 3)
        text += "Z"
        return text
    }

    /// Parses an RFC 3339 time, with or without fractional seconds, in any offset
    /// (`2026-11-20T17:00:00+08:00`, `2026-11-20T09:00:00.250Z`).
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses an RFC 3339 time, or a bare date (`2026-11-20`) meaning its midnight UTC, as query
    /// parameters and command-line options such as `from` and `since` take them.
    public static func parseTimeOrDate(_ text: String) -> Date? {
        parse(text) ?? parse(text + "T00:00:00Z")
    }
}

extension Int64 {
    /// Quotient and remainder rounded towards negative infinity (dates before 1970 stay right).
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = (self >= 0 ? self : self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}

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
        // Digits written into a fixed 24-byte template: formatting each field as a String of its
        // own cost more than the rest of an event line together.
        var bytes: [UInt8] = Array("0000-00-00T00:00:00.000Z".utf8)
        func put(_ value: Int, at end: Int, width: Int) {
            var rest = value
            for position in stride(from: end, to: end - width, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
        }
        put(year, at: 3, width: 4)
        put(month, at: 6, width: 2)
        put(day, at: 9, width: 2)
        put(Int(seconds / 3600), at: 12, width: 2)
        put(Int(seconds / 60 % 60), at: 15, width: 2)
        put(Int(seconds % 60), at: 18, width: 2)
        put(Int(dayMilliseconds % 1000), at: 22, width: 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses an RFC 3339 time, with or without fractional seconds, in any offset
    /// (`2026-11-20T17:00:00+08:00`, `2026-11-20T09:00:00.250Z`).
    ///
    /// Every field must be in range: a date that does not exist (`2026-02-30`, `2027-02-29`), an
    /// hour past 23, a minute or second past 59 or an offset past ±23:59 is refused, never
    /// rolled over into the next day or month as Foundation's parser would.
    public static func parse(_ text: String) -> Date? {
        guard isWellFormed(text) else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Parses an RFC 3339 time, or a bare date (`2026-11-20`) meaning its midnight UTC, as query
    /// parameters and command-line options such as `from` and `since` take them. A date that
    /// does not exist (`2026-02-30`) is refused.
    public static func parseTimeOrDate(_ text: String) -> Date? {
        parse(text) ?? parse(text + "T00:00:00Z")
    }

    /// Whether `text` is an RFC 3339 `date-time` with every field in range:
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, a real date, `HH` 00–23, `MM` and `SS` 00–59.
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, CalendarDate.isValid(String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let hour = twoDigits(bytes, at: 11), hour <= 23, bytes[13] == UInt8(ascii: ":"),
            let minute = twoDigits(bytes, at: 14), minute <= 59, bytes[16] == UInt8(ascii: ":"),
            let second = twoDigits(bytes, at: 17), second <= 59
        else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digits = bytes[index...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
            guard digits > 0 else { return false }
            index += digits
        }
        let offset = bytes[index...]
        if offset.elementsEqual("Z".utf8) || offset.elementsEqual("z".utf8) { return true }
        guard offset.count == 6, offset.first == UInt8(ascii: "+") || offset.first == UInt8(ascii: "-"),
            let hours = twoDigits(bytes, at: index + 1), hours <= 23, bytes[index + 3] == UInt8(ascii: ":"),
            let minutes = twoDigits(bytes, at: index + 4), minutes <= 59
        else { return false }
        return true
    }

    /// The number written by the two ASCII digits at `index`, if both are digits and there.
    private static func twoDigits(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 1 < bytes.count else { return nil }
        let (tens, ones) = (bytes[index], bytes[index + 1])
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard digits.contains(tens), digits.contains(ones) else { return nil }
        return Int(tens - UInt8(ascii: "0")) * 10 + Int(ones - UInt8(ascii: "0"))
    }
}

extension Int64 {
    /// Quotient and remainder rounded towards negative infinity (dates before 1970 stay right).
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = (self >= 0 ? self : self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}

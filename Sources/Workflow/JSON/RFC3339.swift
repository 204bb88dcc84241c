import Foundation

/// RFC 3339 UTC timestamps with milliseconds, as every API line carries them:
/// `2026-11-25T16:23:37.123Z`.
public enum RFC3339 {
    /// `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, formatted by hand (a format style per call was a
    /// measurable part of rendering task lines).
    /// - Parameter date: The instant.
    public static func format(_ date: Date) -> String {
        // Rounded to PostgreSQL's microseconds first, so a binary artefact such as .12299999 is
        // .123, then truncated to milliseconds.
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (totalMilliseconds, _) = microseconds.floorDivided(by: 1000)
        let (days, dayMilliseconds) = totalMilliseconds.floorDivided(by: 86_400_000)
        let (year, month, day) = civilDate(daysSince1970: days)
        let seconds = dayMilliseconds / 1000
        var text = ""
        text.reserveCapacity(24)
        func append(_ value: Int64, width: Int) {
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

    /// The proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Quotient and remainder rounded towards negative infinity (dates before 1970 stay right).
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = (self >= 0 ? self : self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}

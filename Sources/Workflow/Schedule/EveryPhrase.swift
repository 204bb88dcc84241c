/// Reads a schedule's `every:` phrase, the plain-words form of a cron expression: the days, then
/// the time of day on a 24-hour clock.
///
/// | phrase | fires |
/// |---|---|
/// | `day 09:00` | every day at 09:00 |
/// | `weekday 09:00` | Monday to Friday at 09:00 |
/// | `monday 09:00`, `mon,thu 14:30` | on those days of the week |
/// | `month 1 09:00` | on the 1st of every month (a day past a month's end, e.g. 31, skips that month) |
enum EveryPhrase {
    private static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// The cron expression a phrase stands for.
    /// - Returns: The five cron fields, or `nil` when the phrase does not read.
    static func cron(_ phrase: String) -> String? {
        let words = phrase.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard let time = words.last.flatMap(timeOfDay) else { return nil }
        let fields = "\(time.minute) \(time.hour)"
        switch words.dropLast().joined(separator: " ") {
        case "day": return "\(fields) * * *"
        case "weekday": return "\(fields) * * 1-5"
        case let days where words.count == 3 && words[0] == "month":
            guard let day = Int(days.dropFirst("month ".count)), (1...31).contains(day) else { return nil }
            return "\(fields) \(day) * *"
        case let days where words.count == 2:
            let numbers = days.split(separator: ",").map { weekday(String($0)) }
            guard !numbers.isEmpty, !numbers.contains(nil) else { return nil }
            return "\(fields) * * \(numbers.compactMap { $0 }.map(String.init).joined(separator: ","))"
        default: return nil
        }
    }

    /// `monday` or `mon` as cron counts it (Sunday 0).
    private static func weekday(_ word: String) -> Int? {
        weekdays.firstIndex { $0 == word || (word.count == 3 && $0.hasPrefix(word)) }
    }

    /// `HH:MM`, 00:00…23:59.
    private static func timeOfDay(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return (hour, minute)
    }

    /// How the phrase is written, for an error message.
    static let forms = "'day HH:MM', 'weekday HH:MM', 'monday HH:MM' (or 'mon,thu HH:MM'), 'month D HH:MM'"
}

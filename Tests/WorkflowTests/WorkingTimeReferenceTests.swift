import Foundation
import Testing

@testable import Workflow

/// Calendars, instants and a deliberately slow reference for the working-time tests.
enum CalendarFixtures {
    /// Reads an instant written in ISO 8601 with its offset, e.g. `2026-03-06T17:00:00+08:00`;
    /// fractions of a second are allowed.
    static func at(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad instant in a test: \(text)") }
        return date
    }

    /// A calendar from the calendars file format, so that tests read like the files people write.
    static func calendar(_ yaml: String, name: String) throws -> BusinessCalendar {
        try #require(try CalendarParser.parse(yaml, file: "workflows/calendars.yaml")[name])
    }

    /// A calendars file: `support-hours` as docs/workflows.md shows it, and `24x7`.
    static let sample = """
        support-hours:
          timezone: Asia/Shanghai
          hours: {mon-fri: "09:00-18:00", sat: "10:00-16:00"}
          holidays: [2026-10-01, 2026-10-02, 2026-10-03]
          workdays: [2026-10-11]          # make-up working days (调休) on a weekend
        24x7:
          timezone: UTC
          hours: {mon-sun: "00:00-24:00"}
        """

    /// Several calendars the tests share.
    static let shared = """
        support-hours:
          timezone: Asia/Shanghai
          hours: {mon-fri: "09:00-18:00", sat: "10:00-16:00"}
          holidays: [2026-10-01, 2026-10-02, 2026-10-03]
          workdays: [2026-10-11]
        shanghai-office:
          timezone: Asia/Shanghai
          hours: {mon-fri: "09:00-18:00"}
        national-day:
          timezone: Asia/Shanghai
          hours: {mon-fri: ["09:00-12:00", "13:00-18:00"]}
          holidays: [2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06, 2026-10-07]
          workdays: [2026-09-27, {date: 2026-10-10, hours: "09:00-12:00"}]
        new-york-office:
          timezone: America/New_York
          hours: {mon-fri: ["09:00-12:30", "13:30-17:00"]}
        new-york-always:
          timezone: America/New_York
          hours: {mon-sun: "00:00-24:00"}
        new-york-sundays:
          timezone: America/New_York
          hours: {sun: "00:00-24:00"}
        new-york-night:
          timezone: America/New_York
          hours: {mon-sun: "01:00-03:00"}
        berlin-office:
          timezone: Europe/Berlin
          hours: {mon-fri: "09:00-18:00"}
          holidays: [2026-04-03, 2026-04-06, 2026-10-26]
          workdays: [2026-03-29, 2026-10-25]
        berlin-always:
          timezone: Europe/Berlin
          hours: {mon-sun: "00:00-24:00"}
        berlin-sundays:
          timezone: Europe/Berlin
          hours: {sun: "00:00-24:00"}
        berlin-night:
          timezone: Europe/Berlin
          hours: {sun: "02:00-04:00", wed: ["00:30-01:00", "23:00-24:00"]}
        """

    /// A calendar of ``shared``.
    static func named(_ name: String) throws -> BusinessCalendar {
        try calendar(shared, name: name)
    }
}

/// The obvious, slow answer: step minute by minute and ask Foundation for each minute's wall
/// clock. It only ever converts instants to local time, never back, and finds no clock changes
/// ahead, so it shares no logic with the walk it checks. Valid for calendars whose hours and zone
/// offsets are whole minutes.
struct MinuteStepping {
    /// The calendar checked.
    let calendar: BusinessCalendar

    /// Working seconds between two whole-minute instants.
    func workingTime(from start: Date, to end: Date) -> TimeInterval {
        var clock = WallClock(calendar: calendar)
        var total: TimeInterval = 0
        var instant = start
        while instant < end {
            if clock.isWorking(instant) { total += 60 }
            instant += 60
        }
        return total
    }

    /// The deadline for a whole number of working minutes from a whole-minute start.
    func due(from start: Date, adding duration: TimeInterval) -> Date {
        var clock = WallClock(calendar: calendar)
        var remaining = duration
        var instant = start
        while remaining > 0 {
            if clock.isWorking(instant) { remaining -= 60 }
            instant += 60
        }
        return instant
    }

    /// Reads the wall clock of each minute: its offset from Foundation, and the local date from
    /// Foundation's Gregorian calendar the first time a local day shows up.
    private struct WallClock {
        let calendar: BusinessCalendar
        private let gregorian: Foundation.Calendar
        private var hoursByLocalDay: [Int: [WorkingPeriod]] = [:]

        init(calendar: BusinessCalendar) {
            self.calendar = calendar
            var gregorian = Foundation.Calendar(identifier: .gregorian)
            gregorian.timeZone = calendar.timeZone
            self.gregorian = gregorian
        }

        /// Whether the minute starting at `instant` is working time.
        mutating func isWorking(_ instant: Date) -> Bool {
            let local = Int(instant.timeIntervalSince1970) + calendar.timeZone.secondsFromGMT(for: instant)
            let localDay = Int((Double(local) / 86_400).rounded(.down))
            let minute = (local - localDay * 86_400) / 60
            return hours(localDay, at: instant).contains { $0.start <= minute && minute < $0.end }
        }

        private mutating func hours(_ localDay: Int, at instant: Date) -> [WorkingPeriod] {
            if let known = hoursByLocalDay[localDay] { return known }
            let date = gregorian.dateComponents([.year, .month, .day], from: instant)
            let hours = calendar.hours(on: CalendarDay(year: date.year!, month: date.month!, day: date.day!)!)
            hoursByLocalDay[localDay] = hours
            return hours
        }
    }
}

/// A small seeded generator (SplitMix64), so that random cases are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("Working time against minute-by-minute stepping")
struct WorkingTimeReferenceTests {
    /// Random whole-minute starts around both 2026 clock changes and the Chinese national holiday.
    private static let windows: [(calendar: String, from: String)] = [
        ("new-york-office", "2026-02-20T00:00:00-05:00"),
        ("new-york-office", "2026-10-16T00:00:00-04:00"),
        ("new-york-night", "2026-03-01T00:00:00-05:00"),
        ("new-york-night", "2026-10-25T00:00:00-04:00"),
        ("berlin-office", "2026-03-16T00:00:00+01:00"),
        ("berlin-office", "2026-10-12T00:00:00+02:00"),
        ("berlin-night", "2026-03-15T00:00:00+01:00"),
        ("berlin-night", "2026-10-11T00:00:00+02:00"),
        ("berlin-sundays", "2026-03-16T00:00:00+01:00"),
        ("new-york-sundays", "2026-10-19T00:00:00-04:00"),
        ("national-day", "2026-09-21T00:00:00+08:00"),
        ("support-hours", "2026-09-21T00:00:00+08:00"),
    ]

    @Test(arguments: windows)
    func deadlinesMatchTheReferenceAroundIrregularDays(calendar name: String, from window: String) throws {
        let calendar = try CalendarFixtures.named(name)
        let reference = MinuteStepping(calendar: calendar)
        var random = SplitMix64(seed: UInt64(name.utf8.count * 7919 + window.utf8.count))
        let windowStart = CalendarFixtures.at(window)
        for _ in 0..<6 {
            let start = windowStart + 60 * Double(Int.random(in: 0..<(14 * 1_440), using: &random))
            let duration = 60 * Double(Int.random(in: 1...(calendar.secondsPerRegularWeek / 60), using: &random))
            #expect(
                try calendar.due(from: start, adding: duration) == reference.due(from: start, adding: duration),
                "\(name) from \(start) adding \(duration)s")
        }
    }

    @Test(arguments: windows)
    func workingTimeMatchesTheReferenceAroundIrregularDays(calendar name: String, from window: String) throws {
        let calendar = try CalendarFixtures.named(name)
        let reference = MinuteStepping(calendar: calendar)
        var random = SplitMix64(seed: UInt64(name.utf8.count * 104_729 + window.utf8.count))
        let windowStart = CalendarFixtures.at(window)
        for _ in 0..<6 {
            let start = windowStart + 60 * Double(Int.random(in: 0..<(14 * 1_440), using: &random))
            let end = start + 60 * Double(Int.random(in: 0..<(14 * 1_440), using: &random))
            #expect(
                calendar.workingTime(from: start, to: end) == reference.workingTime(from: start, to: end),
                "\(name) from \(start) to \(end)")
        }
    }

    @Test func monthsOfWorkingTimeAcrossAClockChangeMatchTheReference() throws {
        // Twelve weeks of Berlin office hours from February: the walk skips whole weeks on both
        // sides of the spring change and around Easter; the reference steps every minute.
        let calendar = try CalendarFixtures.named("berlin-office")
        let start = CalendarFixtures.at("2026-02-04T11:17:00+01:00")
        let duration: TimeInterval = 12 * 45 * 3_600 + 7 * 60
        let due = try calendar.due(from: start, adding: duration)
        #expect(due == MinuteStepping(calendar: calendar).due(from: start, adding: duration))
        #expect(MinuteStepping(calendar: calendar).workingTime(from: start, to: due) == duration)
    }
}

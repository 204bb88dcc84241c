import Foundation
import Testing

@testable import Workflow

/// Calendar arithmetic and time formatting are total: extreme instants and durations (infinite,
/// not a number, far past or future, absurdly long, negative) never trap; every answer is a valid
/// instant RFC 3339 writes with four digits (`Date.distantFuture` when the calendar's working time
/// runs out), or a typed ``DeadlineError``. The inputs are fixed
/// edge values and values from a seeded generator, so every run tries the same cases.
@Suite struct CalendarTotalityTests {
    private typealias F = CalendarFixtures

    /// Calendars from plenty of working time to almost none, with and without clock changes,
    /// and one whose working time runs out.
    static let calendars = """
        always:
          timezone: UTC
          hours: {mon-sun: "00:00-24:00"}
        office:
          timezone: America/New_York
          hours: {mon-fri: ["09:00-12:30", "13:30-17:00"]}
          holidays: [2026-11-26, 9999-12-24]
          workdays: [2026-11-28]
        one-minute:
          timezone: UTC
          hours: {sun: "00:00-00:01"}
        santiago-minute:
          timezone: America/Santiago
          hours: {sun: "00:00-00:01"}
        """

    static let calendarNames = ["always", "office", "one-minute", "santiago-minute", "only-workdays"]

    /// A calendar of ``calendars``, or `only-workdays`: one working hour on 2026-10-11, and none
    /// after it (a calendars file refuses such a calendar, the arithmetic must not).
    static func calendar(_ name: String) throws -> BusinessCalendar {
        guard name == "only-workdays" else { return try F.calendar(calendars, name: name) }
        return try #require(
            BusinessCalendar(
                name: name, timeZoneIdentifier: "Europe/Berlin", weeklyHours: [:],
                workdays: [CalendarDay(year: 2026, month: 10, day: 11)!: [WorkingPeriod(parsing: "09:00-10:00")!]]))
    }

    /// Instants at and beyond every edge, and ordinary ones.
    static let edgeInstants: [Date] =
        [
            -Double.infinity, .infinity, .nan, -1e300, 1e300, -1e18, 1e18, -Double.greatestFiniteMagnitude,
            RFC3339.earliestSeconds - 1, RFC3339.earliestSeconds, RFC3339.latestSeconds, RFC3339.latestSeconds + 1,
            RFC3339.latestSeconds - 86_400, 0, 1_790_000_000, 1_790_000_000.123_456,
        ].map(Date.init(timeIntervalSince1970:)) + [.distantPast, .distantFuture]

    /// Durations at and beyond every edge, and ordinary ones.
    static let edgeDurations: [TimeInterval] = [
        -.infinity, .infinity, .nan, -1, -0.0, 0, 1e-9, 0.5, 60, 86_400, 3_650 * 86_400, 7_300 * 86_400,
        1e12, 1e18, .greatestFiniteMagnitude,
    ]

    /// A value of `values`, or a random one from `range`, half the time each.
    private static func pick<Value>(
        _ values: [Value], or range: ClosedRange<Double>, _ make: (Double) -> Value, using random: inout SplitMix64
    ) -> Value {
        Bool.random(using: &random)
            ? values.randomElement(using: &random)! : make(Double.random(in: range, using: &random))
    }

    /// The answer must be a writable instant no earlier than the start, or a typed error.
    private func checkDeadline(
        _ calendar: some WorkingCalendar, from start: Date, adding duration: TimeInterval,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let context = "from \(start.timeIntervalSince1970) adding \(duration)"
        do throws(DeadlineError) {
            let due = try calendar.due(from: start, adding: duration)
            #expect(RFC3339.canWrite(due), "\(context)", sourceLocation: sourceLocation)
            // `distantFuture` says the calendar's working time runs out first.
            #expect(due >= start || due == .distantFuture, "\(context)", sourceLocation: sourceLocation)
            #expect(RFC3339.format(due).count == 24, "\(context)", sourceLocation: sourceLocation)
        } catch {
            switch error {
            case .startOutOfRange:
                #expect(!RFC3339.canWrite(start), "\(context)", sourceLocation: sourceLocation)
            case .afterYear9999:
                #expect(duration > 0, "\(context)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: calendarNames)
    func deadlinesOfEdgeInstantsAndDurationsAreInstantsOrTypedErrors(calendar name: String) throws {
        let calendar = try Self.calendar(name)
        for start in Self.edgeInstants {
            for duration in Self.edgeDurations {
                checkDeadline(calendar, from: start, adding: duration)
            }
        }
    }

    @Test(arguments: calendarNames)
    func deadlinesOfRandomInstantsAndDurationsAreInstantsOrTypedErrors(calendar name: String) throws {
        let calendar = try Self.calendar(name)
        var random = SplitMix64(seed: 12 &+ UInt64(name.utf8.count))
        for _ in 0..<100 {
            let start = Self.pick(
                Self.edgeInstants, or: RFC3339.earliestSeconds...RFC3339.latestSeconds,
                Date.init(timeIntervalSince1970:),
                using: &random)
            let duration = Self.pick(Self.edgeDurations, or: 0...(7_300 * 86_400), { $0 }, using: &random)
            checkDeadline(calendar, from: start, adding: duration)
        }
    }

    @Test func elapsedTimeIsTotalToo() {
        for start in Self.edgeInstants {
            for duration in Self.edgeDurations {
                checkDeadline(ElapsedTimeCalendar(), from: start, adding: duration)
            }
        }
    }

    @Test(arguments: calendarNames)
    func workingTimeBetweenAnyInstantsIsFiniteAndAtMostTheTimeBetweenThem(calendar name: String) throws {
        let calendar = try Self.calendar(name)
        var random = SplitMix64(seed: 77 &+ UInt64(name.utf8.count))
        let writable = RFC3339.writableInstants
        // Pairs far apart walk millennia of clock changes: a tenth of a second each.
        for _ in 0..<40 {
            let pair = (0..<2).map { _ in
                Self.pick(
                    Self.edgeInstants, or: RFC3339.earliestSeconds...RFC3339.latestSeconds,
                    Date.init(timeIntervalSince1970:), using: &random)
            }
            for worked in [
                calendar.workingTime(from: pair[0], to: pair[1]),
                ElapsedTimeCalendar().workingTime(from: pair[0], to: pair[1]),
            ] {
                let within = min(pair[1], writable.upperBound).timeIntervalSince(max(pair[0], writable.lowerBound))
                #expect(worked.isFinite && worked >= 0, "\(pair)")
                // Sums of seconds since 2001 as doubles: a few microseconds of rounding over millennia.
                #expect(worked <= max(0, within) + 0.001, "\(pair)")
            }
        }
    }

    @Test func everyInstantFormatsWithAFourDigitYear() {
        var random = SplitMix64(seed: 3_339)
        let randomInstants = (0..<500).map { _ in
            Date(timeIntervalSince1970: Double(bitPattern: random.next()))
        }
        for instant in Self.edgeInstants + randomInstants {
            let text = RFC3339.format(instant)
            #expect(text.count == 24, "\(instant.timeIntervalSince1970)")
            // Foundation reads dates before the Gregorian reform (1582) as Julian ones, days off
            // the proleptic Gregorian dates written here; from then on a time reads back as written.
            guard text >= "1583" else { continue }
            #expect(RFC3339.parse(text).map(RFC3339.format) == text, "\(text)")
        }
    }

    @Test func localTimesOfDeadlinesNeverTrap() throws {
        for name in Self.calendarNames {
            let calendar = try Self.calendar(name)
            for instant in [RFC3339.writableInstants.lowerBound, RFC3339.writableInstants.upperBound, .distantFuture] {
                #expect(!calendar.localTimeText(instant).isEmpty)
            }
        }
    }

    @Test func anyTextIsADurationADateATimeOrNothing() {
        var random = SplitMix64(seed: 8_601)
        let alphabet = Array("0123456789dhms-:TZ+. x\u{0}9")
        let edges = [
            "", "0", "99999999999999d", "999999999999d", "9223372036854775807s", "3650d", "3650d1s", "-1d",
            "0000-01-01", "9999-12-31", "10000-01-01", "2026-02-30", "9999-12-31T23:59:59.999Z",
            "0000-12-31T23:59:59Z", "+275760-09-13T00:00:00Z",
        ]
        let texts =
            edges
            + (0..<2_000).map { _ in
                String(
                    (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            }
        for text in texts {
            if case .success(let duration) = WorkDuration.checked(text) { #expect(duration <= WorkDuration.longest) }
            _ = WorkDuration(parsing: text)
            if let day = CalendarDay(parsing: text) { #expect(day.description == text) }
            if let instant = RFC3339.parseTimeOrDate(text) { #expect(RFC3339.format(instant).count == 24) }
        }
    }
}

import Foundation
import Testing

@testable import Workflow

@Suite("Working time and deadlines agree")
struct WorkingTimeConsistencyTests {
    private static let calendars = [
        "support-hours", "national-day", "new-york-office", "new-york-night", "berlin-office", "berlin-night",
        "berlin-always",
    ]

    /// Random instants in 2026, some with fractions of a second, and durations from a second to
    /// two months of working time.
    private struct Case {
        let start: Date
        let duration: TimeInterval

        static func random(using random: inout SplitMix64, fractional: Bool) -> Case {
            let year2026 = CalendarFixtures.at("2026-01-01T00:00:00Z")
            var start = year2026 + Double(Int.random(in: 0..<(365 * 86_400), using: &random))
            if fractional { start += Double(Int.random(in: 1..<1_000, using: &random)) / 1_000 }
            let scale = [1, 60, 3_600, 86_400, 30 * 86_400].randomElement(using: &random)!
            let duration = TimeInterval(Int.random(in: 1...(2 * scale), using: &random))
            return Case(start: start, duration: duration)
        }
    }

    @Test(arguments: calendars)
    func workingTimeUntilTheDeadlineIsTheDuration(calendar name: String) throws {
        let calendar = try CalendarFixtures.named(name)
        var random = SplitMix64(seed: 20_261_001 &+ UInt64(name.utf8.count))
        for index in 0..<300 {
            let fractional = index % 3 == 0
            let test = Case.random(using: &random, fractional: fractional)
            let due = try calendar.due(from: test.start, adding: test.duration)
            let worked = calendar.workingTime(from: test.start, to: due)
            if fractional {
                // Date rounds the fraction of a far-from-zero instant to well under a microsecond.
                #expect(abs(worked - test.duration) < 1e-5, "\(name) from \(test.start) adding \(test.duration)s")
            } else {
                #expect(worked == test.duration, "\(name) from \(test.start) adding \(test.duration)s")
            }
        }
    }

    @Test(arguments: calendars)
    func theDeadlineIsTheFirstMomentTheDurationIsReached(calendar name: String) throws {
        let calendar = try CalendarFixtures.named(name)
        var random = SplitMix64(seed: 77 &+ UInt64(name.utf8.count))
        for _ in 0..<200 {
            let test = Case.random(using: &random, fractional: false)
            let due = try calendar.due(from: test.start, adding: test.duration)
            #expect(due > test.start)
            #expect(calendar.workingTime(from: test.start, to: due - 0.5) < test.duration)
        }
    }

    @Test(arguments: calendars)
    func deadlinesAddUp(calendar name: String) throws {
        // Counting d1 and then d2 from where d1 ended is the same as counting d1 + d2.
        let calendar = try CalendarFixtures.named(name)
        var random = SplitMix64(seed: 4_242 &+ UInt64(name.utf8.count))
        for _ in 0..<200 {
            let first = Case.random(using: &random, fractional: false)
            let second = Case.random(using: &random, fractional: false).duration
            let stepwise = try calendar.due(
                from: try calendar.due(from: first.start, adding: first.duration), adding: second)
            #expect(try stepwise == calendar.due(from: first.start, adding: first.duration + second))
        }
    }

    @Test(arguments: calendars)
    func workingTimeAddsUpOverAdjacentSpans(calendar name: String) throws {
        let calendar = try CalendarFixtures.named(name)
        var random = SplitMix64(seed: 9_001 &+ UInt64(name.utf8.count))
        for _ in 0..<200 {
            let start = Case.random(using: &random, fractional: false).start
            let middle = start + Double(Int.random(in: 0...(40 * 86_400), using: &random))
            let end = middle + Double(Int.random(in: 0...(40 * 86_400), using: &random))
            let whole = calendar.workingTime(from: start, to: end)
            #expect(
                whole == calendar.workingTime(from: start, to: middle) + calendar.workingTime(from: middle, to: end))
            #expect(whole <= end.timeIntervalSince(start))
        }
    }
}

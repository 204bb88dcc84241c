import Foundation

/// Walks a calendar's working time forwards from an instant, interval by interval, skipping whole
/// regular weeks in one step where nothing irregular happens in them.
///
/// The cost is proportional to the number of clock changes, irregular days and days at the ends,
/// not to the length of the walk: a year of working time is a handful of steps per stretch.
struct WorkingTimeWalk {
    /// Seconds from 1970-01-01 to the reference date 2001-01-01, both UTC.
    private static let secondsFrom1970ToReference = 978_307_200
    /// Seconds in a day of wall-clock time.
    private static let secondsPerDay = 86_400
    /// Seconds in a week of instants within one stretch.
    static let secondsPerWeek = 604_800.0
    /// More weeks than any walk skips in one step (about 20 000 years), to keep counts finite.
    private static let weekLimit = 1 << 20

    /// The calendar walked.
    let calendar: BusinessCalendar

    /// Feeds working time from `start` to `visitor` until it has had enough.
    /// - Returns: `false` when the calendar ran out of working time first (a calendar without weekly
    ///   hours, after its last workday).
    @discardableResult
    func run<Visitor: WorkingTimeVisitor>(from start: Double, _ visitor: inout Visitor) -> Bool {
        var cursor = start
        while visitor.wants(cursor) {
            let stretch = OffsetStretch(containing: cursor, in: calendar.timeZone)
            switch walk(stretch, from: cursor, &visitor) {
            case .visitorDone: return true
            case .noMoreWork: return false
            case .stretchEnded: cursor = stretch.end
            }
        }
        return true
    }

    private enum Outcome {
        case visitorDone, noMoreWork, stretchEnded
    }

    /// Walks the local days of one stretch, from the day that holds `cursor`.
    ///
    /// Within a stretch wall-clock time only moves forwards, so no earlier local day can come up
    /// again; after a fall-back the next stretch starts on the wall clock an hour back, possibly on
    /// the previous local day, and walks that day's repeated hour once more.
    private func walk<Visitor: WorkingTimeVisitor>(
        _ stretch: OffsetStretch, from cursor: Double, _ visitor: inout Visitor
    ) -> Outcome {
        var day = localDay(of: cursor, offset: stretch.offset)
        while true {
            let dayStart = instant(day: day, minute: 0, offset: stretch.offset)
            if dayStart >= stretch.end { return .stretchEnded }
            guard visitor.wants(max(dayStart, cursor)) else { return .visitorDone }
            guard hasWork(onOrAfter: day) else { return .noMoreWork }
            // Whole weeks are only skipped from a local midnight not before the cursor, so that
            // a skipped week is all of its seven days.
            if dayStart >= cursor {
                let available = regularWeeks(from: day, dayStart: dayStart, until: stretch.end)
                let taken = available > 0 ? visitor.takeWeeks(available, from: dayStart, workPerWeek: workPerWeek) : 0
                if taken > 0 {
                    day += 7 * taken
                    continue
                }
            }
            for period in calendar.hours(onOrdinal: day) {
                // Clipping to the stretch drops the wall-clock minutes that belong to the other
                // offset: the skipped hour maps outside every stretch, the repeated hour into both.
                let from = max(cursor, instant(day: day, minute: period.start, offset: stretch.offset))
                let to = min(stretch.end, instant(day: day, minute: period.end, offset: stretch.offset))
                guard from < to else { continue }
                guard visitor.wants(from), visitor.take(from: from, to: to) else { return .visitorDone }
            }
            day += 1
        }
    }

    private var workPerWeek: Double {
        Double(calendar.secondsPerRegularWeek)
    }

    /// How many whole weeks from `day` hold only regular days and lie within the stretch.
    private func regularWeeks(from day: Int, dayStart: Double, until stretchEnd: Double) -> Int {
        guard calendar.secondsPerRegularWeek > 0 else { return 0 }
        var weeks = Self.weekLimit
        if stretchEnd.isFinite {
            weeks = min(weeks, Int(((stretchEnd - dayStart) / Self.secondsPerWeek).rounded(.down)))
        }
        if let irregular = nextExceptionalDay(onOrAfter: day) {
            weeks = min(weeks, (irregular - day) / 7)
        }
        return weeks
    }

    /// Whether any working time can follow `day`: always with weekly hours, otherwise only up to
    /// the last irregular day (the last make-up workday, or a holiday after it).
    private func hasWork(onOrAfter day: Int) -> Bool {
        calendar.secondsPerRegularWeek > 0 || day <= calendar.exceptionalDays.last ?? Int.min
    }

    /// The first holiday or workday on or after `day`, by binary search.
    private func nextExceptionalDay(onOrAfter day: Int) -> Int? {
        let days = calendar.exceptionalDays
        var low = 0
        var high = days.count
        while low < high {
            let middle = (low + high) / 2
            if days[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low < days.count ? days[low] : nil
    }

    /// The local day that holds `instant` when the zone is `offset` seconds east of UTC.
    private func localDay(of instant: Double, offset: Int) -> Int {
        let localSeconds = instant + Double(Self.secondsFrom1970ToReference + offset)
        return Int((localSeconds / Double(Self.secondsPerDay)).rounded(.down))
    }

    /// The instant at which a wall clock `offset` seconds east of UTC shows `minute` on `day`.
    ///
    /// Computed in integers, so every boundary is a whole second and exact as a `Double`.
    private func instant(day: Int, minute: Int, offset: Int) -> Double {
        Double(day * Self.secondsPerDay + minute * 60 - offset - Self.secondsFrom1970ToReference)
    }
}

import Foundation

/// A run of instants during which a time zone's offset from UTC does not change.
///
/// Within a stretch, wall-clock time is the instant shifted by a constant, so a local day's hours
/// map to instants by one subtraction. Clock changes happen only between stretches; walking
/// stretch by stretch is what makes the skipped and the repeated hour come out right without
/// ever converting an ambiguous or non-existent wall-clock time back to an instant.
struct OffsetStretch {
    /// Seconds east of UTC throughout the stretch.
    let offset: Int
    /// The first instant after the stretch (the next clock change), as seconds since the reference
    /// date; infinity when the zone never changes its clocks again.
    let end: Double

    /// The stretch that contains `instant`.
    /// - Parameters:
    ///   - instant: Seconds since the reference date (2001-01-01 UTC).
    ///   - timeZone: The zone.
    init(containing instant: Double, in timeZone: TimeZone) {
        let date = Date(timeIntervalSinceReferenceDate: instant)
        offset = timeZone.secondsFromGMT(for: date)
        // Despite its name, Foundation reports every offset change here (ICU's "next transition"),
        // including changes of standard time such as Moscow's in 2014, not only DST switches.
        let next = timeZone.nextDaylightSavingTimeTransition(after: date)?.timeIntervalSinceReferenceDate
        // A transition must lie ahead; anything else would stall the walk, so treat it as none.
        end = next.flatMap { $0 > instant ? $0 : nil } ?? .infinity
    }
}

import Foundation

/// Why working-time arithmetic cannot give a deadline: it would not be an instant RFC 3339 can
/// write (``RFC3339/writableInstants``), so it can be neither stored nor shown.
///
/// Durations are bounded (``WorkDuration/longest``), but a calendar with little working time
/// stretches them: ten years of working time on a calendar that works one minute a week fall
/// due some hundred thousand years later.
public enum DeadlineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The deadline falls after 9999-12-31T23:59:59.999Z.
    case afterYear9999
    /// The clock would start outside the years 1 to 9999 (or at no instant at all).
    case startOutOfRange

    /// What went wrong, for messages.
    public var description: String {
        switch self {
        case .afterYear9999: "it would fall due after 9999-12-31T23:59:59.999Z, the last time RFC 3339 can write"
        case .startOutOfRange: "its start is outside the years 0001 to 9999 that RFC 3339 can write"
        }
    }
}

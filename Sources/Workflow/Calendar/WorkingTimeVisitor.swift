/// What a ``WorkingTimeWalk`` feeds working time to, in order, until it has had enough.
///
/// Instants are seconds since the reference date (2001-01-01 UTC), like `Date`'s.
protocol WorkingTimeVisitor {
    /// Whether the visitor wants working time at or after `instant`.
    func wants(_ instant: Double) -> Bool

    /// Offers whole weeks of regular working time: `available` runs of 604 800 seconds starting at
    /// `start`, each with `workPerWeek` working seconds and no holiday, workday or clock change.
    /// - Returns: How many weeks the visitor took, 0…`available`; the walk resumes after them.
    mutating func takeWeeks(_ available: Int, from start: Double, workPerWeek: Double) -> Int

    /// Takes the working interval `start..<end`.
    /// - Returns: `false` when the visitor needs nothing more.
    mutating func take(from start: Double, to end: Double) -> Bool
}

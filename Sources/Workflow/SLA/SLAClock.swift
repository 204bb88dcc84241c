import Foundation

/// One task's clock for one SLA policy: how much working time it has used, and which of its
/// steps (warning, breach, escalation levels) have happened.
///
/// Every step is a threshold on the working time the clock has used while running: the warning
/// at `warn%` of the target, the breach at the target, escalation level *k* at the target plus
/// the level's `after`. Pauses stop the count, so they delay every step alike; a new target
/// (the `severity` changed) moves every step, measured from the clock's start.
///
/// A policy with `restart:` may run several clocks on one task, one per cycle: cycle 1 from the
/// clock's first start, cycle *n* + 1 from the first `restart:` state entered after cycle *n*
/// stopped. Only the latest cycle can be running; earlier ones are history.
public struct SLAClock: Sendable, Hashable {
    /// Whether the clock is counting.
    public enum State: String, Sendable, Hashable {
        /// Counting working time.
        case running
        /// Not counting (the task waits in a `pause:` state).
        case paused
        /// Done: the task entered a `stop:` state. Met unless it breached first.
        case stopped
    }

    /// The policy's name, e.g. `resolution`.
    public let policy: String
    /// Which cycle of the policy this is, from 1.
    public let cycle: Int
    /// The calendar the clock counts in, when its policy picks one (``SLAPolicy/calendar``);
    /// `nil`: the workflow's.
    public internal(set) var calendar: String?
    /// Whether the clock is counting.
    public internal(set) var state: State
    /// When the clock started.
    public let startedAt: Date
    /// The target in working seconds; `nil` when the keyed field has no value with a target.
    public internal(set) var targetSeconds: TimeInterval?
    /// Working time used before the current running stretch.
    public internal(set) var workedSeconds: TimeInterval
    /// When the current running stretch began; `nil` unless running.
    public internal(set) var runningSince: Date?
    /// When the warning was given.
    public internal(set) var warnedAt: Date?
    /// When the clock breached.
    public internal(set) var breachedAt: Date?
    /// When the clock stopped.
    public internal(set) var stoppedAt: Date?
    /// The escalation levels reached so far (0: none).
    public internal(set) var escalationLevel: Int
    /// Who held the task when the clock breached: the team the breach is charged to.
    public internal(set) var heldAtBreach: TaskHolder?
    /// Who held the task when the clock stopped: for a met clock, the team it is credited to.
    public internal(set) var heldAtStop: TaskHolder?

    /// Restores a clock from storage.
    public init(
        policy: String, cycle: Int = 1, calendar: String? = nil, state: State, startedAt: Date,
        targetSeconds: TimeInterval?,
        workedSeconds: TimeInterval, runningSince: Date?, warnedAt: Date? = nil, breachedAt: Date? = nil,
        stoppedAt: Date? = nil, escalationLevel: Int = 0, heldAtBreach: TaskHolder? = nil,
        heldAtStop: TaskHolder? = nil
    ) {
        self.policy = policy
        self.cycle = cycle
        self.calendar = calendar
        self.state = state
        self.startedAt = startedAt
        self.targetSeconds = targetSeconds
        self.workedSeconds = workedSeconds
        self.runningSince = runningSince
        self.warnedAt = warnedAt
        self.breachedAt = breachedAt
        self.stoppedAt = stoppedAt
        self.escalationLevel = escalationLevel
        self.heldAtBreach = heldAtBreach
        self.heldAtStop = heldAtStop
    }

    /// Cycle `cycle` of a clock, started at `instant`, running, counting in `calendar`.
    static func started(
        policy: String, cycle: Int, calendar: String?, at instant: Date, targetSeconds: TimeInterval?
    ) -> SLAClock {
        SLAClock(
            policy: policy, cycle: cycle, calendar: calendar, state: .running, startedAt: instant,
            targetSeconds: targetSeconds, workedSeconds: 0, runningSince: instant)
    }

    /// The team the clock counts for: the team that held the task at the breach, for a breached
    /// clock; at the stop, for a met one; `current` (the task's team now) while it runs.
    public func chargedTeam(current: String?) -> String? {
        if isBreached { return heldAtBreach?.team }
        if state == .stopped { return heldAtStop?.team }
        return current
    }

    /// Whether the clock breached (it may still be running).
    public var isBreached: Bool { breachedAt != nil }

    /// Working time used up to `instant`.
    public func workedSeconds(at instant: Date, calendar: some WorkingCalendar) -> TimeInterval {
        guard let runningSince else { return workedSeconds }
        return workedSeconds + calendar.workingTime(from: runningSince, to: instant)
    }

    /// Working time left before the breach at `instant` (negative once breached); `nil` without
    /// a target.
    public func remainingSeconds(at instant: Date, calendar: some WorkingCalendar) -> TimeInterval? {
        targetSeconds.map { $0 - workedSeconds(at: instant, calendar: calendar) }
    }

    /// When the breach falls due, if the clock keeps running; `nil` when paused, stopped,
    /// already breached or without a target.
    /// - Throws: ``DeadlineError`` when that is after the year 9999.
    public func dueAt(calendar: some WorkingCalendar) throws(DeadlineError) -> Date? {
        guard !isBreached, let targetSeconds else { return nil }
        return try instant(whenWorked: targetSeconds, calendar: calendar)
    }

    /// The instant the clock's used working time reaches `threshold`, if it keeps running.
    /// - Throws: ``DeadlineError`` when that is after the year 9999.
    func instant(whenWorked threshold: TimeInterval, calendar: some WorkingCalendar) throws(DeadlineError) -> Date? {
        guard state == .running, let runningSince else { return nil }
        return try calendar.due(from: runningSince, adding: max(0, threshold - workedSeconds))
    }
}

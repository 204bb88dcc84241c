import Foundation

/// A task's SLA clocks, one per policy of its workflow and cycle, and how they follow the task:
/// started on creation or on entering a state, paused while in `pause:` states, stopped on
/// entering `stop:` states, re-targeted when a keyed field changes, and stepped by the scheduler.
///
/// A stopped clock stays stopped: the promise was kept or not. A policy with `restart:` states
/// starts a new cycle when the task enters one of them after its clock stopped (a complaint
/// reopened): a new clock, cycle *n* + 1, with its own target, warning, breach and escalation
/// levels, while cycle *n* stays as it ended.
public struct TaskClocks: Sendable {
    /// The workflow's policies, in file order.
    public let policies: [SLAPolicy]
    /// The current clock of each policy (its latest cycle), by policy name.
    public private(set) var clocks: [String: SLAClock]
    /// The earlier cycles, as they ended.
    private var earlier: [SLAClock]
    private let calendars: SLACalendars
    /// Who holds the task now: recorded on a clock that breaches or stops.
    private let holder: TaskHolder

    /// Wraps a task's stored clocks.
    /// - Parameters:
    ///   - policies: The policies of the task's workflow version.
    ///   - clocks: The task's clocks as stored, every cycle.
    ///   - calendars: The calendars the clocks count in: the workflow's, and those policies pick.
    ///   - holder: Who holds the task now, recorded on the clocks that breach or stop.
    public init(
        policies: [SLAPolicy], clocks: [SLAClock], calendars: SLACalendars, holder: TaskHolder = TaskHolder()
    ) {
        self.policies = policies
        var current: [String: SLAClock] = [:]
        var earlier: [SLAClock] = []
        for clock in clocks {
            guard let other = current[clock.policy] else {
                current[clock.policy] = clock
                continue
            }
            if clock.cycle > other.cycle {
                current[clock.policy] = clock
                earlier.append(other)
            } else {
                earlier.append(clock)
            }
        }
        self.clocks = current
        self.earlier = earlier
        self.calendars = calendars
        self.holder = holder
    }

    /// Wraps a task's stored clocks that all count in one calendar.
    public init(
        policies: [SLAPolicy], clocks: [SLAClock], calendar: any WorkingCalendar, holder: TaskHolder = TaskHolder()
    ) {
        self.init(policies: policies, clocks: clocks, calendars: SLACalendars(calendar), holder: holder)
    }

    /// Every clock, each policy's cycles in order, policies by name.
    public var all: [SLAClock] {
        (earlier + clocks.values).sorted { ($0.policy, $0.cycle) < ($1.policy, $1.cycle) }
    }

    /// A new task in `state`: starts the clocks that start on creation or in that state.
    public mutating func taskCreated(
        in state: String, fields: [String: JSONValue], at instant: Date
    ) -> [SLAClockChange] {
        policies.flatMap { policy -> [SLAClockChange] in
            switch policy.start {
            case .created: return start(policy, in: state, fields: fields, at: instant)
            case .entering(let states):
                return states.contains(state) ? start(policy, in: state, fields: fields, at: instant) : []
            }
        }
    }

    /// The task entered `state`: starts, pauses, resumes or stops clocks, or starts a new cycle
    /// of a stopped one.
    public mutating func taskEntered(_ state: String, fields: [String: JSONValue], at instant: Date) -> [SLAClockChange]
    {
        policies.flatMap { policy -> [SLAClockChange] in
            guard let clock = clocks[policy.name] else {
                guard case .entering(let states) = policy.start, states.contains(state) else { return [] }
                return start(policy, in: state, fields: fields, at: instant)
            }
            if clock.state == .stopped, policy.restart.contains(state) {
                return start(policy, cycle: clock.cycle + 1, in: state, fields: fields, at: instant)
            }
            return follow(policy, into: state, at: instant)
        }
    }

    /// The task's fields changed: clocks whose target is keyed by a field get the new target,
    /// counted from their start; clocks whose calendar is keyed by a field count the rest of their
    /// target in the new calendar, the working time used so far as it was counted.
    public mutating func fieldsChanged(_ fields: [String: JSONValue], at instant: Date) -> [SLAClockChange] {
        policies.compactMap { policy -> SLAClockChange? in
            guard var clock = clocks[policy.name], clock.state != .stopped else { return nil }
            let calendar = policy.calendar.map { $0.calendarName(for: fields) } ?? clock.calendar
            let target = policy.target.seconds(
                for: fields, from: clock.startedAt, in: calendars.calendar(named: calendar))
            guard target != clock.targetSeconds || calendar != clock.calendar else { return nil }
            clock.targetSeconds = target
            if calendar != clock.calendar {
                if clock.state == .running {
                    clock.workedSeconds = clock.workedSeconds(at: instant, calendar: calendars.calendar(for: clock))
                    clock.runningSince = instant
                }
                clock.calendar = calendar
            }
            return store(clock, .retargeted)
        }
    }

    /// Applies a due step to a clock; `nil` when it no longer applies (the clock stopped, paused,
    /// already took that step, or a later cycle replaced it), which makes stale due work harmless.
    /// - Parameter cycle: The cycle the step was scheduled for; `nil`: the current one.
    public mutating func apply(
        _ step: SLAStep, policy name: String, cycle: Int? = nil, at instant: Date
    ) -> SLAClockChange? {
        guard let policy = policies.first(where: { $0.name == name }), var clock = clocks[name],
            cycle.map({ $0 == clock.cycle }) ?? true, clock.state == .running, clock.pendingStep(policy: policy) == step
        else { return nil }
        clock.record(step, at: instant)
        switch step {
        case .warning: return store(clock, .warning)
        case .breach:
            clock.heldAtBreach = holder
            return store(clock, .breached)
        case .escalation: return store(clock, .escalated)
        }
    }

    /// The next step of a policy's clock and when it is due.
    /// - Throws: ``DeadlineError`` when the step would fall due after the year 9999.
    public func nextStep(policy name: String) throws(DeadlineError) -> (step: SLAStep, at: Date)? {
        guard let policy = policies.first(where: { $0.name == name }), let clock = clocks[name] else { return nil }
        return try clock.nextStep(policy: policy, calendar: calendars.calendar(for: clock))
    }

    /// Starts cycle `cycle` of `policy`'s clock; an earlier cycle becomes history.
    private mutating func start(
        _ policy: SLAPolicy, cycle: Int = 1, in state: String, fields: [String: JSONValue], at instant: Date
    ) -> [SLAClockChange] {
        let calendar = policy.calendar?.calendarName(for: fields)
        let target = policy.target.seconds(for: fields, from: instant, in: calendars.calendar(named: calendar))
        let clock = SLAClock.started(
            policy: policy.name, cycle: cycle, calendar: calendar, at: instant, targetSeconds: target)
        let started = store(clock, .started)
        return [started] + follow(policy, into: state, at: instant)
    }

    /// What entering `state` does to an existing clock.
    private mutating func follow(_ policy: SLAPolicy, into state: String, at instant: Date) -> [SLAClockChange] {
        guard var clock = clocks[policy.name] else { return [] }
        let calendar = calendars.calendar(for: clock)
        switch clock.state {
        case .stopped:
            return []
        case .running where policy.stop.contains(state), .paused where policy.stop.contains(state):
            // A target passed before the scheduler got to it still counts as a breach: at the
            // moment it fell due when the clock is running; a paused clock no longer knows that
            // moment, so at the stop.
            var changes: [SLAClockChange] = []
            let worked = clock.workedSeconds(at: instant, calendar: calendar)
            if !clock.isBreached, let target = clock.targetSeconds, worked >= target {
                // That moment is before `instant`, so within the years RFC 3339 writes.
                clock.record(.breach, at: (try? clock.instant(whenWorked: target, calendar: calendar)) ?? instant)
                clock.heldAtBreach = holder
                changes.append(store(clock, .breached))
            }
            clock.workedSeconds = worked
            clock.runningSince = nil
            clock.state = .stopped
            clock.stoppedAt = instant
            clock.heldAtStop = holder
            return changes + [store(clock, clock.isBreached ? .stopped : .met)]
        case .running where policy.pause.contains(state):
            clock.workedSeconds = clock.workedSeconds(at: instant, calendar: calendar)
            clock.runningSince = nil
            clock.state = .paused
            return [store(clock, .paused)]
        case .paused where !policy.pause.contains(state):
            clock.runningSince = instant
            clock.state = .running
            return [store(clock, .resumed)]
        case .running, .paused:
            return []
        }
    }

    /// Makes `clock` its policy's current clock; the clock it replaces, a cycle before, is kept
    /// with the earlier ones.
    private mutating func store(_ clock: SLAClock, _ kind: SLAClockChange.Kind) -> SLAClockChange {
        if let replaced = clocks[clock.policy], replaced.cycle != clock.cycle { earlier.append(replaced) }
        clocks[clock.policy] = clock
        return SLAClockChange(kind: kind, clock: clock)
    }
}

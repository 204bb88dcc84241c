import Foundation

/// A task's SLA clocks, one per policy of its workflow, and how they follow the task: started on
/// creation or on entering a state, paused while in `pause:` states, stopped on entering `stop:`
/// states, re-targeted when a keyed field changes, and stepped by the scheduler.
///
/// A stopped clock stays stopped, even if the task later reopens: the promise was kept or not.
public struct TaskClocks: Sendable {
    /// The workflow's policies, in file order.
    public let policies: [SLAPolicy]
    /// The clocks that exist, by policy name.
    public private(set) var clocks: [String: SLAClock]
    private let calendar: any WorkingCalendar

    /// Wraps a task's stored clocks.
    /// - Parameters:
    ///   - policies: The policies of the task's workflow version.
    ///   - clocks: The task's clocks as stored.
    ///   - calendar: The calendar the workflow's durations are measured in.
    public init(policies: [SLAPolicy], clocks: [SLAClock], calendar: any WorkingCalendar) {
        self.policies = policies
        self.clocks = Dictionary(clocks.map { ($0.policy, $0) }, uniquingKeysWith: { first, _ in first })
        self.calendar = calendar
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

    /// The task entered `state`: starts, pauses, resumes or stops clocks.
    public mutating func taskEntered(_ state: String, fields: [String: JSONValue], at instant: Date) -> [SLAClockChange]
    {
        policies.flatMap { policy -> [SLAClockChange] in
            guard clocks[policy.name] != nil else {
                guard case .entering(let states) = policy.start, states.contains(state) else { return [] }
                return start(policy, in: state, fields: fields, at: instant)
            }
            return follow(policy, into: state, at: instant)
        }
    }

    /// The task's fields changed: clocks whose target is keyed by a field get the new target,
    /// counted from their start.
    public mutating func fieldsChanged(_ fields: [String: JSONValue], at instant: Date) -> [SLAClockChange] {
        policies.compactMap { policy -> SLAClockChange? in
            guard case .keyed = policy.target, var clock = clocks[policy.name], clock.state != .stopped else {
                return nil
            }
            let target = policy.target.duration(for: fields).map { TimeInterval($0.seconds) }
            guard target != clock.targetSeconds else { return nil }
            clock.targetSeconds = target
            return store(clock, .retargeted)
        }
    }

    /// Applies a due step to a clock; `nil` when it no longer applies (the clock stopped, paused
    /// or already took that step), which makes stale due work harmless.
    public mutating func apply(_ step: SLAStep, policy name: String, at instant: Date) -> SLAClockChange? {
        guard let policy = policies.first(where: { $0.name == name }), var clock = clocks[name],
            clock.state == .running, clock.pendingStep(policy: policy) == step
        else { return nil }
        clock.record(step, at: instant)
        switch step {
        case .warning: return store(clock, .warning)
        case .breach: return store(clock, .breached)
        case .escalation: return store(clock, .escalated)
        }
    }

    /// The next step of a policy's clock and when it is due.
    /// - Throws: ``DeadlineError`` when the step would fall due after the year 9999.
    public func nextStep(policy name: String) throws(DeadlineError) -> (step: SLAStep, at: Date)? {
        guard let policy = policies.first(where: { $0.name == name }), let clock = clocks[name] else { return nil }
        return try clock.nextStep(policy: policy, calendar: calendar)
    }

    private mutating func start(
        _ policy: SLAPolicy, in state: String, fields: [String: JSONValue], at instant: Date
    ) -> [SLAClockChange] {
        let target = policy.target.duration(for: fields).map { TimeInterval($0.seconds) }
        let started = store(SLAClock.started(policy: policy.name, at: instant, targetSeconds: target), .started)
        return [started] + follow(policy, into: state, at: instant)
    }

    /// What entering `state` does to an existing clock.
    private mutating func follow(_ policy: SLAPolicy, into state: String, at instant: Date) -> [SLAClockChange] {
        guard var clock = clocks[policy.name] else { return [] }
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
                changes.append(store(clock, .breached))
            }
            clock.workedSeconds = worked
            clock.runningSince = nil
            clock.state = .stopped
            clock.stoppedAt = instant
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

    private mutating func store(_ clock: SLAClock, _ kind: SLAClockChange.Kind) -> SLAClockChange {
        clocks[clock.policy] = clock
        return SLAClockChange(kind: kind, clock: clock)
    }
}

import Foundation

/// Something that happens to a running clock at a time: the scheduler applies it when due.
public enum SLAStep: Sendable, Hashable {
    /// The warning, at the policy's `warn%` of the target.
    case warning
    /// The breach, at the target.
    case breach
    /// Escalation level `n` (1-based), at the target plus the level's `after`.
    case escalation(Int)
}

extension SLAClock {
    /// The clock's next step and when it falls due, if it keeps running; `nil` when nothing is
    /// left to happen (paused, stopped, no target, every level reached).
    /// - Throws: ``DeadlineError`` when the step would fall due after the year 9999.
    public func nextStep(
        policy: SLAPolicy, calendar: some WorkingCalendar
    ) throws(DeadlineError) -> (step: SLAStep, at: Date)? {
        guard state == .running, let step = pendingStep(policy: policy), let threshold = threshold(of: step, policy),
            let instant = try instant(whenWorked: threshold, calendar: calendar)
        else { return nil }
        return (step, instant)
    }

    /// The first step that has not happened, whatever its time.
    func pendingStep(policy: SLAPolicy) -> SLAStep? {
        guard targetSeconds != nil else { return nil }
        if warnedAt == nil, breachedAt == nil, policy.warnPercent != nil { return .warning }
        if breachedAt == nil { return .breach }
        return escalationLevel < policy.escalations.count ? .escalation(escalationLevel + 1) : nil
    }

    /// The used working time at which `step` happens.
    func threshold(of step: SLAStep, _ policy: SLAPolicy) -> TimeInterval? {
        guard let targetSeconds else { return nil }
        switch step {
        case .warning: return targetSeconds * Double(policy.warnPercent ?? 100) / 100
        case .breach: return targetSeconds
        case .escalation(let level):
            guard policy.escalations.indices.contains(level - 1) else { return nil }
            return targetSeconds + Double(policy.escalations[level - 1].after.seconds)
        }
    }

    /// Records that `step` happened at `instant`. A breach that comes before its warning was
    /// given (the target dropped) skips the warning.
    mutating func record(_ step: SLAStep, at instant: Date) {
        switch step {
        case .warning: warnedAt = instant
        case .breach: breachedAt = instant
        case .escalation(let level): escalationLevel = level
        }
    }
}

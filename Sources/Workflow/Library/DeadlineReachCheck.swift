import Foundation

/// Checks that a workflow's SLA clocks can fall due within the years RFC 3339 writes, on the
/// calendars it counts in: the workflow's, and those its SLAs name.
///
/// Durations are at most ``WorkDuration/longest``, but a calendar with little working time
/// stretches them: a target of `3650d` on a calendar that works one minute a week would fall due
/// some hundred thousand years from now. Where that is certain for every clock started from now
/// on (``BusinessCalendar/shortestSpan(holding:)`` of a policy's target plus its last
/// escalation's `after` already reaches past 9999-12-31), the workflow is refused when it is
/// checked. Where it depends on when a clock starts, or on holidays, the command that would set
/// such a deadline is refused instead (``RuleViolation/deadlineOutOfRange(policy:calendar:)``).
struct DeadlineReachCheck {
    /// The calendars whose definitions are known, by name.
    let calendars: [String: BusinessCalendar]
    /// When clocks start at the earliest.
    let now: Date

    /// The problems of one workflow: one per SLA policy and calendar it may count in that it
    /// cannot fall due in, at the line that names the calendar.
    func problems(of item: LibraryCheck.Item) -> [WorkflowLoadError] {
        let room = RFC3339.writableInstants.upperBound.timeIntervalSince(now)
        return zip(item.parsed.definition.slas, item.parsed.slaReferences).flatMap { policy, references in
            let longest = Self.longestStep(of: policy)
            return item.calendars(of: references).compactMap { name -> WorkflowLoadError? in
                guard let calendar = calendars[name.name],
                    calendar.shortestSpan(holding: TimeInterval(longest.seconds)) > room
                else { return nil }
                return WorkflowLoadError(
                    file: item.file.path, line: name.line,
                    message: "calendar '\(name.name)' has too little working time for SLA '\(policy.name)': "
                        + "\(longest) of working time would fall due after 9999-12-31, the last year RFC 3339 "
                        + "can write, whenever the clock starts")
            }
        }
    }

    /// The working time after which a policy's last step happens: its longest target plus the
    /// `after` of its last escalation level.
    static func longestStep(of policy: SLAPolicy) -> WorkDuration {
        let target: Int64 =
            policy.target.alternatives.map { alternative -> Int64 in
                switch alternative {
                case .fixed(let duration): duration.seconds
                case .keyed(_, let durations): durations.values.map(\.seconds).max() ?? 0
                // A date's deadline is a date RFC 3339 writes.
                case .deadline, .goals: 0
                }
            }.max() ?? 0
        let escalation = policy.escalations.map(\.after.seconds).max() ?? 0
        return WorkDuration(seconds: target + escalation)
    }
}

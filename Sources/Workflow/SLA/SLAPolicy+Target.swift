import Foundation

extension SLAPolicy {
    /// How much working time an SLA clock allows.
    public enum Target: Sendable, Hashable {
        /// The same duration for every task (`target: 4h`).
        case fixed(WorkDuration)
        /// A duration per value of an enum field (`target: {by: severity, p1: 30m, p2: 2h}`).
        case keyed(field: String, durations: [String: WorkDuration])
        /// Until the end of the date in a `date` field (`target: {deadline: due_date}`): the
        /// working time from the clock's start to that date's midnight in its calendar, so the
        /// clock breaches when that day's working hours end. Moving the date retargets the clock.
        case deadline(field: String)
        /// Goals tried in order, as a service desk's SLA goals are (`target: [{when: "tier ==
        /// 'vip'", target: {by: severity, …}}, {target: …}]`): the first whose condition holds on
        /// the task's fields applies; the last has no condition. A field change that makes
        /// another goal apply retargets the clock.
        indirect case goals([Goal])

        /// One goal of ``goals(_:)``: a target, under a condition unless it is the last.
        public struct Goal: Sendable, Hashable {
            /// When the goal applies; `nil` for the last.
            public let when: ExpressionSource?
            /// The goal's target.
            public let target: Target

            /// Creates a goal.
            public init(when: ExpressionSource?, target: Target) {
                self.when = when
                self.target = target
            }
        }

        /// The target that applies to a task with these fields: the first goal whose condition
        /// holds, this one when it is not a list of goals.
        public func applying(to fields: [String: JSONValue]) -> Target {
            guard case .goals(let goals) = self else { return self }
            let goal = goals.first { $0.when?.expression.isSatisfied(by: fields) ?? true } ?? goals.last
            return goal.map { $0.target.applying(to: fields) } ?? self
        }

        /// Every target it may come to: itself, or each goal's.
        public var alternatives: [Target] {
            guard case .goals(let goals) = self else { return [self] }
            return goals.flatMap(\.target.alternatives)
        }

        /// The duration that applies to a task with these fields.
        /// - Parameter fields: The task's fields.
        /// - Returns: The duration, or `nil` when a keyed target's field is absent, and for a
        ///   deadline, whose working time depends on when the clock started
        ///   (``seconds(for:from:in:)``).
        public func duration(for fields: [String: JSONValue]) -> WorkDuration? {
            switch self {
            case .fixed(let duration):
                return duration
            case .keyed(let field, let durations):
                guard case .string(let value) = fields[field] else { return nil }
                return durations[value]
            case .deadline:
                return nil
            case .goals:
                let applied = applying(to: fields)
                return applied == self ? nil : applied.duration(for: fields)
            }
        }

        /// The working seconds a clock started at `start` in `calendar` allows a task with these
        /// fields; `nil` when the field the target reads is absent. A deadline already past
        /// allows none.
        public func seconds(
            for fields: [String: JSONValue], from start: Date, in calendar: any WorkingCalendar
        ) -> TimeInterval? {
            guard case .deadline(let field) = self else {
                return duration(for: fields).map { TimeInterval($0.seconds) }
            }
            guard case .string(let text)? = fields[field], let day = CalendarDay(parsing: text) else { return nil }
            let end = LocalTime.instant(of: day.adding(days: 1), seconds: 0, in: calendar.timeZone)
            return calendar.workingTime(from: start, to: end)
        }
    }
}

import Workflow

extension WorkflowDocument {
    /// `{"name","start","pause"?,"stop","restart"?,"target","target_s","calendar"?,"warn_percent"?,
    /// "escalate":[…],"notify"?}`: `start` is `"created"` or `{"enter":[…]}`, `pause` `{"in":[…]}`, `stop` and
    /// `restart` `{"enter":[…]}`; a target keyed by a field is `{"by":field, value: duration, …}`
    /// with `target_s` the same map in seconds; `calendar`, when the policy picks its own, is a
    /// name or `{"by":field, value: name, …, "default"?: name}`; `notify`, when the policy names
    /// receivers, is `{"warning"?:[…],"breach"?:[…]}`.
    static func sla(_ policy: SLAPolicy) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(policy.name),
            "start": start(policy.start),
            "stop": ["enter": names(policy.stop)],
            "escalate": .array(policy.escalations.map(escalation)),
        ]
        if !policy.pause.isEmpty { members["pause"] = ["in": names(policy.pause)] }
        if !policy.restart.isEmpty { members["restart"] = ["enter": names(policy.restart)] }
        members["warn_percent"] = policy.warnPercent.map { .int(Int64($0)) }
        members["calendar"] = policy.calendar.map(calendar)
        var notify: [String: JSONValue] = [:]
        if !policy.notify.warning.isEmpty { notify["warning"] = names(policy.notify.warning) }
        if !policy.notify.breach.isEmpty { notify["breach"] = names(policy.notify.breach) }
        if !notify.isEmpty { members["notify"] = .object(notify) }
        let (target, seconds) = Self.target(policy.target)
        members["target"] = target
        members["target_s"] = seconds
        return .object(members)
    }

    /// A target as written, and in seconds when it has a duration of its own: `"4h"` and
    /// `14400`; `{"by":…,"p1":"30m"}` and `{"p1":1800}`; `{"deadline":"due_date"}` and none (the
    /// working time to a date depends on when each clock starts); goals as
    /// `[{"when":…,"target":…,"target_s":…}, …, {"target":…}]` and none.
    static func target(_ target: SLAPolicy.Target) -> (target: JSONValue, seconds: JSONValue?) {
        switch target {
        case .fixed(let duration):
            return (.string(duration.description), .int(duration.seconds))
        case .keyed(let field, let durations):
            var written: [String: JSONValue] = ["by": .string(field)]
            var seconds: [String: JSONValue] = [:]
            for (value, duration) in durations {
                written[value] = .string(duration.description)
                seconds[value] = .int(duration.seconds)
            }
            return (.object(written), .object(seconds))
        case .deadline(let field):
            return (["deadline": .string(field)], nil)
        case .goals(let goals):
            let written = goals.map { goal -> JSONValue in
                let (target, seconds) = Self.target(goal.target)
                var members: [String: JSONValue] = ["target": target]
                members["when"] = goal.when.map { .string($0.text) }
                members["target_s"] = seconds
                return .object(members)
            }
            return (.array(written), nil)
        }
    }

    private static func calendar(_ choice: SLAPolicy.CalendarChoice) -> JSONValue {
        switch choice {
        case .named(let name):
            return .string(name)
        case .keyed(let field, let calendars, let fallback):
            var members = calendars.mapValues(JSONValue.string)
            members["by"] = .string(field)
            members["default"] = fallback.map(JSONValue.string)
            return .object(members)
        }
    }

    private static func start(_ start: SLAPolicy.Start) -> JSONValue {
        switch start {
        case .created: "created"
        case .entering(let states): ["enter": names(states)]
        }
    }

    /// `{"after","after_s","team"?,"assignee"?,"priority"?,"fire"?,"notify"?}`; `priority` is
    /// `"raise"` or the priority set, `notify` the receivers told.
    private static func escalation(_ level: EscalationLevel) -> JSONValue {
        var members: [String: JSONValue] = [
            "after": .string(level.after.description),
            "after_s": .int(level.after.seconds),
        ]
        members["team"] = level.team.map(JSONValue.string)
        members["assignee"] = level.assignee.map(JSONValue.string)
        members["fire"] = level.fire.map(JSONValue.string)
        if !level.notify.isEmpty { members["notify"] = names(level.notify) }
        switch level.priority {
        case .raise?: members["priority"] = "raise"
        case .set(let priority)?: members["priority"] = .string(priority)
        case nil: break
        }
        return .object(members)
    }
}

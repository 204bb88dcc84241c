import Foundation
import Postgres
import Workflow

extension SLAClock {
    /// Reads a clock from the JSON object the task queries aggregate from `sla_clocks`.
    init(stored object: [String: JSONValue]) throws {
        func date(_ key: String) throws -> Date? {
            guard case .string(let text)? = object[key] else { return nil }
            guard let date = Date(postgresText: text) else {
                throw StoreError.corruptRow("sla_clocks.\(key) = \(text)")
            }
            return date
        }
        guard case .string(let policy)? = object["policy"], case .string(let stateName)? = object["state"],
            let state = State(rawValue: stateName), let startedAt = try date("started_at")
        else { throw StoreError.corruptRow("sla_clocks: \(JSONValue.object(object).jsonText)") }
        func holder(_ prefix: String) -> TaskHolder? {
            TaskHolder.stored(
                team: object["\(prefix)_team"]?.stringValue, assignee: object["\(prefix)_assignee"]?.stringValue)
        }
        self.init(
            policy: policy, cycle: object["cycle"]?.intValue ?? 1, calendar: object["calendar"]?.stringValue,
            state: state, startedAt: startedAt,
            targetSeconds: object["target_s"]?.doubleValue, workedSeconds: object["worked_s"]?.doubleValue ?? 0,
            runningSince: try date("running_since"), warnedAt: try date("warned_at"),
            breachedAt: try date("breached_at"), stoppedAt: try date("stopped_at"),
            escalationLevel: object["escalation_level"]?.intValue ?? 0, heldAtBreach: holder("breached"),
            heldAtStop: holder("stopped"))
    }

    /// The row `SLASQL.saveClocks` writes, with the breach's due time for managers' views
    /// (``dueAt(calendar:)``, worked out by the caller, who decides what a deadline after the
    /// year 9999 means).
    func storedObject(dueAt: Date?) -> JSONValue {
        func date(_ value: Date?) -> JSONValue { value.map { .string(RFC3339.format($0)) } ?? .null }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object([
            "policy": .string(policy), "cycle": .int(Int64(cycle)), "calendar": text(calendar),
            "state": .string(state.rawValue), "started_at": date(startedAt),
            "target_s": targetSeconds.map(JSONValue.double) ?? .null, "worked_s": .double(workedSeconds),
            "running_since": date(runningSince), "warned_at": date(warnedAt), "breached_at": date(breachedAt),
            "stopped_at": date(stoppedAt), "escalation_level": .int(Int64(escalationLevel)),
            "due_at": date(dueAt), "breached_team": text(heldAtBreach?.team),
            "breached_assignee": text(heldAtBreach?.assignee), "stopped_team": text(heldAtStop?.team),
            "stopped_assignee": text(heldAtStop?.assignee),
        ])
    }
}

extension TaskHolder {
    /// A holder read from its stored columns; `nil` when neither is set (the clock has not
    /// breached or stopped, or the task had neither team nor assignee then).
    static func stored(team: String?, assignee: String?) -> TaskHolder? {
        team == nil && assignee == nil ? nil : TaskHolder(team: team, assignee: assignee)
    }
}

extension SLAStep {
    /// The step as stored in a `due_work` payload: `{policy, cycle, step, level?}`.
    func payload(policy: String, cycle: Int) -> JSONValue {
        var payload: [String: JSONValue] = ["policy": .string(policy), "cycle": .int(Int64(cycle))]
        switch self {
        case .warning: payload["step"] = "warning"
        case .breach: payload["step"] = "breach"
        case .escalation(let level):
            payload["step"] = "escalation"
            payload["level"] = .int(Int64(level))
        }
        return .object(payload)
    }

    /// Reads a step back from a `due_work` payload.
    init?(payload: [String: JSONValue]) {
        switch payload["step"]?.stringValue {
        case "warning": self = .warning
        case "breach": self = .breach
        case "escalation":
            guard let level = payload["level"]?.intValue else { return nil }
            self = .escalation(Int(level))
        default: return nil
        }
    }
}

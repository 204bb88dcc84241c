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
        self.init(
            policy: policy, state: state, startedAt: startedAt, targetSeconds: object["target_s"]?.doubleValue,
            workedSeconds: object["worked_s"]?.doubleValue ?? 0, runningSince: try date("running_since"),
            warnedAt: try date("warned_at"), breachedAt: try date("breached_at"), stoppedAt: try date("stopped_at"),
            escalationLevel: object["escalation_level"]?.intValue ?? 0)
    }

    /// The row `SLASQL.saveClocks` writes, with the breach's due time for managers' views
    /// (``dueAt(calendar:)``, worked out by the caller, who decides what a deadline after the
    /// year 9999 means).
    func storedObject(dueAt: Date?) -> JSONValue {
        func date(_ value: Date?) -> JSONValue { value.map { .string(RFC3339.format($0)) } ?? .null }
        return .object([
            "policy": .string(policy), "state": .string(state.rawValue), "started_at": date(startedAt),
            "target_s": targetSeconds.map(JSONValue.double) ?? .null, "worked_s": .double(workedSeconds),
            "running_since": date(runningSince), "warned_at": date(warnedAt), "breached_at": date(breachedAt),
            "stopped_at": date(stoppedAt), "escalation_level": .int(Int64(escalationLevel)),
            "due_at": date(dueAt),
        ])
    }
}

extension SLAStep {
    /// The step as stored in a `due_work` payload.
    func payload(policy: String) -> JSONValue {
        switch self {
        case .warning: ["policy": .string(policy), "step": "warning"]
        case .breach: ["policy": .string(policy), "step": "breach"]
        case .escalation(let level): ["policy": .string(policy), "step": "escalation", "level": .int(Int64(level))]
        }
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

import Foundation
import Workflow

extension SLAClock {
    /// How the task line shows the clock: `running`, `paused`, `met` or `breached` (a breached
    /// clock stays breached, running or not), with its deadline and the working time left.
    func line(calendar: some WorkingCalendar, now: Date) -> JSONValue {
        func date(_ value: Date?) -> JSONValue { value.map { .string(RFC3339.format($0)) } ?? .null }
        let shownState: String =
            if isBreached { "breached" } else if state == .stopped { "met" } else { state.rawValue }
        var line: [String: JSONValue] = [
            "policy": .string(policy), "state": .string(shownState), "started_at": date(startedAt),
            // A deadline after the year 9999 is none (commands refuse to set one).
            "due_at": date(breachedAt ?? (try? dueAt(calendar: calendar))),
            "escalation_level": .int(Int64(escalationLevel)),
        ]
        if let targetSeconds { line["target_s"] = .int(Int64(targetSeconds.rounded())) }
        if state != .stopped, let remaining = remainingSeconds(at: now, calendar: calendar) {
            line["remaining_s"] = .int(Int64(remaining.rounded(.down)))
        }
        if let warnedAt { line["warned_at"] = date(warnedAt) }
        if let breachedAt { line["breached_at"] = date(breachedAt) }
        if let stoppedAt { line["stopped_at"] = date(stoppedAt) }
        return .object(line)
    }
}

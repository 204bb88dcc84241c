import Foundation
import Workflow

extension SLAClock {
    /// How the task line shows the clock: its `cycle`, `running`, `paused`, `met` or `breached` (a
    /// breached clock stays breached, running or not), the `calendar` it counts in, with its
    /// deadline and the working time left, and who held the task when it breached
    /// (`breached_team`, `breached_assignee`) and stopped (`stopped_team`, `stopped_assignee`).
    func line(calendars: SLACalendars, now: Date) -> JSONValue {
        let calendar = calendars.calendar(for: self)
        func date(_ value: Date?) -> JSONValue { value.map { .string(RFC3339.format($0)) } ?? .null }
        let shownState: String =
            if isBreached { "breached" } else if state == .stopped { "met" } else { state.rawValue }
        var line: [String: JSONValue] = [
            "policy": .string(policy), "cycle": .int(Int64(cycle)), "state": .string(shownState),
            "calendar": .string(calendars.calendarName(for: self)), "started_at": date(startedAt),
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
        if let heldAtBreach {
            line["breached_team"] = heldAtBreach.team.map(JSONValue.string) ?? .null
            line["breached_assignee"] = heldAtBreach.assignee.map(JSONValue.string) ?? .null
        }
        if let heldAtStop {
            line["stopped_team"] = heldAtStop.team.map(JSONValue.string) ?? .null
            line["stopped_assignee"] = heldAtStop.assignee.map(JSONValue.string) ?? .null
        }
        return .object(line)
    }
}

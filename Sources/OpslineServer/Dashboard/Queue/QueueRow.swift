import Foundation
import OpslineStore
import Workflow

/// One task as a row of a queue page: its id and link, title, state, holders, and the SLA clock
/// that matters most now with its working time left and its deadline.
struct QueueRow {
    let task: TaskRecord
    /// The calendars its clocks count in.
    let calendars: SLACalendars
    /// The business calendars by name, for a deadline's local time.
    let book: CalendarBook
    /// The moment the page shows.
    let now: Date

    /// The values the queue template reads.
    var values: [String: Any] {
        var values: [String: Any] = [
            "id": task.id, "href": "/ui/tasks/" + QueueQuery.encoded(task.id), "title": task.title,
            "state": task.state, "updated": RFC3339.format(task.updatedAt),
            "updatedText": QueueTime.utcText(task.updatedAt),
        ]
        values["priority"] = task.priority
        values["team"] = task.team
        values["assignee"] = task.assignee
        if let sla = slaValues { values["sla"] = sla }
        return values
    }

    /// The clock shown: a breached one still running first, then the running one due soonest,
    /// then a paused one; for a task whose clocks all stopped, the last of them.
    var shownClock: SLAClock? {
        let live = task.clocks.filter { $0.state != .stopped }
        if let breached = live.filter(\.isBreached).min(by: { $0.breachedAt! < $1.breachedAt! }) { return breached }
        let running = live.filter { $0.state == .running }.compactMap { clock in
            (try? clock.dueAt(calendar: calendars.calendar(for: clock))).map { (clock, $0) }
        }
        if let soonest = running.min(by: { $0.1 < $1.1 }) { return soonest.0 }
        return live.first ?? task.clocks.last
    }

    /// `{policy, text, status, due?, dueText?, dueLocal?}`: `text` says it in words ("1h30m left",
    /// "breached 20m ago", "paused, 2h left", "met"), never by colour alone.
    private var slaValues: [String: Any]? {
        guard let clock = shownClock else { return nil }
        let calendar = calendars.calendar(for: clock)
        let remaining = clock.remainingSeconds(at: now, calendar: calendar)
        let left = remaining.map { WorkDuration(seconds: Int64(max(0, $0).rounded(.down))).description }
        var values: [String: Any] = ["policy": clock.policy]
        let status: String
        let text: String
        if clock.isBreached {
            status = "breached"
            let over = remaining.map { WorkDuration(seconds: Int64(max(0, -$0).rounded(.down))).description }
            text = clock.state == .stopped ? "breached (stopped)" : "breached" + (over.map { ", \($0) over" } ?? "")
        } else if clock.state == .stopped {
            (status, text) = ("met", "met")
        } else if clock.state == .paused {
            (status, text) = ("paused", "paused" + (left.map { ", \($0) left" } ?? ""))
        } else {
            status = clock.warnedAt == nil ? "running" : "at-risk"
            text = (left.map { "\($0) left" } ?? "running") + (clock.warnedAt == nil ? "" : " (at risk)")
        }
        values["status"] = status
        values["text"] = text
        // A breached clock's deadline is its breach; a paused one has none while it waits.
        if clock.state != .stopped, let due = clock.breachedAt ?? (try? clock.dueAt(calendar: calendar)) {
            values["due"] = RFC3339.format(due)
            values["dueText"] = QueueTime.utcText(due)
            if let zone = book.all[calendars.calendarName(for: clock)]?.timeZone, zone.identifier != "UTC" {
                values["dueLocal"] = QueueTime.text(due, in: zone) + " " + zone.identifier
            }
        }
        return values
    }
}

/// How queue and workflow pages write instants for people: the `<time>` element's text, which
/// the page's script rewrites to the viewer's zone (its `datetime` keeps the ISO form).
enum QueueTime {
    /// `2026-11-20 10:00 UTC`.
    static func utcText(_ instant: Date) -> String {
        text(instant, in: TimeZone(identifier: "UTC")!) + " UTC"
    }

    /// `2026-11-20 18:00` in `zone`.
    static func text(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }
}

import Foundation
import OpslineStore
import Workflow

/// What a daily digest says, in no channel's format: a title, a line on which day and time zone
/// it speaks of, and sections of rows with their whole counts. The chat channels format it as
/// text (``ChannelBody/renderDigest(_:content:report:)``); an e-mail renderer formats the same
/// model as plain text and HTML tables (``plainText``, then ``sections`` as tables).
struct DigestContent: Sendable, Hashable {
    /// `Daily digest for support-digest: 2026-12-03`.
    var title: String
    /// `Teams support · times in Asia/Shanghai (support-hours)`.
    var subtitle: String
    var sections: [Section]

    /// One list of the digest: open breaches, work at risk, compliance.
    struct Section: Sendable, Hashable {
        /// `Open breaches`.
        var title: String
        /// How many there are in all; ``rows`` holds the first of them.
        var count: Int
        /// The columns' names, a row's cells in this order.
        var columns: [String]
        var rows: [Row]
        /// What the section says when it has no rows: `No open breaches.`
        var empty: String
        /// Whether a line of text names each cell after the first by its column (`met 3`):
        /// for numbers, which say nothing alone.
        var labelsCells = false

        /// How many rows the cap left out.
        var more: Int { max(count - rows.count, 0) }
        /// `and 3 more`, or `nil`.
        var moreText: String? { more > 0 ? "and \(more) more" : nil }
    }

    /// One row: its cells, and the page of its task when the server knows its address.
    struct Row: Sendable, Hashable {
        var cells: [String]
        var link: String?
    }

    /// A row as one line of text: `DRL-1 · Checkout down · resolution · 2026-12-02 15:00 · support`,
    /// or `support · met 3 · breached 1 · compliance 75.0%`.
    static func line(_ row: Row, in section: Section) -> String {
        let cells = row.cells.enumerated().map { index, cell in
            section.labelsCells && index > 0 && index < section.columns.count
                ? "\(section.columns[index].lowercased()) \(cell)" : cell
        }
        return cells.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// The whole digest as plain text: what Feishu shows, and an e-mail's text part.
    var plainText: String {
        var lines = [title, subtitle]
        for section in sections {
            lines.append("")
            lines.append("\(section.title) (\(section.count))")
            if section.rows.isEmpty { lines.append(section.empty) }
            lines += section.rows.map { "- " + Self.line($0, in: section) + ($0.link.map { " \($0)" } ?? "") }
            if let more = section.moreText { lines.append(more) }
        }
        return lines.joined(separator: "\n")
    }
}

/// The digest's facts as the webhook's JSON and as ``DigestContent``.
struct DigestReport: Sendable {
    let subscription: String
    let day: CalendarDay
    let schedule: DigestSchedule
    let teams: [String]
    let decidedFrom: Date
    let decidedTo: Date
    let atRiskBy: Date
    let facts: DigestFacts
    /// The server's address as people reach it, for links.
    let publicURL: String?

    /// `2026-12-02 15:00` on the calendar's wall clock.
    private func local(_ instant: Date?) -> String {
        guard let instant else { return "" }
        return String(schedule.calendar.localTimeText(instant).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// RFC 3339 with the calendar's offset: `2026-12-02T15:00:00+08:00`.
    private func offsetTime(_ instant: Date?) -> JSONValue {
        instant.map { .string(schedule.calendar.localTimeText($0)) } ?? .null
    }

    private func link(_ task: String) -> String? {
        publicURL.map { base in (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/ui/tasks/" + task }
    }

    /// The body of a webhook digest: `{"type":"digest",…}` with every list's count and items.
    var json: JSONValue {
        func clock(_ record: TaskClockRecord, time: String, at: Date?) -> JSONValue {
            [
                "task": .string(record.taskID), "title": .string(record.title), "workflow": .string(record.workflow),
                "policy": .string(record.clock.policy), "cycle": .int(Int64(record.clock.cycle)),
                time: offsetTime(at), "team": record.chargedTeam.map(JSONValue.string) ?? .null,
                "assignee": record.assignee.map(JSONValue.string) ?? .null,
                "priority": record.priority.map(JSONValue.string) ?? .null,
            ]
        }
        return [
            "type": "digest", "subscription": .string(subscription), "date": .string(day.description),
            "calendar": .string(schedule.calendar.name), "time_zone": .string(schedule.calendar.timeZoneIdentifier),
            "teams": .array(teams.map(JSONValue.string)),
            "open_breaches": [
                "count": .int(Int64(facts.openBreachCount)),
                "items": .array(facts.openBreaches.map { clock($0, time: "breached_at", at: $0.clock.breachedAt) }),
            ],
            "at_risk": [
                "by": offsetTime(atRiskBy), "count": .int(Int64(facts.atRiskCount)),
                "items": .array(facts.atRisk.map { clock($0, time: "due_at", at: $0.dueAt) }),
            ],
            "compliance": [
                "from": offsetTime(decidedFrom), "to": offsetTime(decidedTo),
                "teams": .array(
                    facts.compliance.map { row -> JSONValue in
                        [
                            "team": .string(row.team), "met": .int(Int64(row.met)),
                            "breached": .int(Int64(row.breached)),
                            "compliance": row.ratio.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null,
                        ]
                    }),
            ],
        ]
    }

    /// The digest as a channel-neutral content model.
    var content: DigestContent {
        let breaches = DigestContent.Section(
            title: "Open breaches", count: facts.openBreachCount,
            columns: ["Task", "Title", "Policy", "Breached at", "Team"],
            rows: facts.openBreaches.map { record in
                DigestContent.Row(
                    cells: [
                        record.taskID, record.title, record.clock.policy, local(record.clock.breachedAt),
                        record.chargedTeam ?? "",
                    ], link: link(record.taskID))
            }, empty: "No open breaches.")
        let atRisk = DigestContent.Section(
            title: "At risk by \(local(atRiskBy))", count: facts.atRiskCount,
            columns: ["Task", "Title", "Policy", "Due at", "Team"],
            rows: facts.atRisk.map { record in
                DigestContent.Row(
                    cells: [record.taskID, record.title, record.clock.policy, local(record.dueAt), record.team ?? ""],
                    link: link(record.taskID))
            }, empty: "Nothing falls due before the next digest.")
        let period =
            schedule.day(of: decidedFrom) == schedule.day(of: decidedTo.addingTimeInterval(-1))
            ? schedule.day(of: decidedFrom).description
            : "\(schedule.day(of: decidedFrom)) to \(schedule.day(of: decidedTo.addingTimeInterval(-1)))"
        let compliance = DigestContent.Section(
            title: "SLA compliance \(period)", count: facts.compliance.count,
            columns: ["Team", "Met", "Breached", "Compliance"],
            rows: facts.compliance.map { row in
                DigestContent.Row(
                    cells: [
                        row.team, "\(row.met)", "\(row.breached)",
                        row.ratio.map { String(format: "%.1f%%", $0 * 100) } ?? "-",
                    ], link: nil)
            }, empty: "No SLA clock was met or breached.", labelsCells: true)
        return DigestContent(
            title: "Daily digest \(subscription): \(day)",
            subtitle: "Teams \(teams.joined(separator: ", ")) · times in \(schedule.calendar.timeZoneIdentifier) "
                + "(\(schedule.calendar.name))",
            sections: [breaches, atRisk, compliance])
    }
}

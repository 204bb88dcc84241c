import Foundation
import OpslineClient
import OpslineStore
import Workflow

/// How `opsline db status` prints a ``DatabaseStatus``.
enum DatabaseStatusView {
    /// Labelled lines, then the tables by size:
    ///
    ///     schema     19 (up to date)
    ///     server     PostgreSQL 15.14, primary, 135 MB
    ///     event log  last seq 123334
    ///     due work   12 waiting, 0 due; next 2026-12-03T17:20:00Z
    static func render(_ status: DatabaseStatus, now: Date) -> String {
        var lines = [
            ("schema", schema(status)),
            (
                "server",
                "PostgreSQL \(status.serverVersion), \(status.isStandby ? "standby (read-only)" : "primary"), "
                    + bytes(status.databaseBytes)
            ),
        ]
        if let seq = status.lastEventSeq { lines.append(("event log", "last seq \(seq)")) }
        if let due = status.dueWork { lines.append(("due work", dueWork(due, now: now))) }
        // The same column on every database, whichever lines it has.
        let width = "event log".count + 2
        var text = lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + $0.1 }
            .joined(separator: "\n")
        for name in status.pending { text += "\n  pending: \(name)" }
        if !status.tables.isEmpty {
            let columns: [TableRenderer.Column] = [
                .init("TABLE"), .init("ROWS (EST.)", alignment: .right), .init("SIZE", alignment: .right),
            ]
            let rows = status.tables.map { [$0.name, String(Int64($0.rows)), bytes(Int64($0.bytes))] }
            text += "\n\n" + TableRenderer(columns: columns).render(rows).trimmingCharacters(in: .newlines)
        }
        return text
    }

    /// The status as one JSON object, for scripts.
    static func json(_ status: DatabaseStatus) -> String {
        var object: [String: JSONValue] = [
            "schema_version": .int(Int64(status.schemaVersion)), "up_to_date": .bool(status.isUpToDate),
            "pending": .array(status.pending.map(JSONValue.string)),
            "unknown_versions": .array(status.unknownVersions.map { .int(Int64($0)) }),
            "server_version": .string(status.serverVersion), "standby": .bool(status.isStandby),
            "database_bytes": .int(status.databaseBytes),
            "last_event_seq": status.lastEventSeq.map(JSONValue.int) ?? .null,
            "tables": .array(
                status.tables.map {
                    .object([
                        "name": .string($0.name), "estimated_rows": .int(Int64($0.rows)),
                        "bytes": .int(Int64($0.bytes)),
                    ])
                }),
        ]
        if let due = status.dueWork {
            object["due_work"] = .object([
                "waiting": .int(due.waiting), "due": .int(due.due),
                "oldest_due_at": due.oldestDueAt.map { .string(RFC3339.format($0)) } ?? .null,
            ])
        }
        return JSONValue.object(object).prettyText
    }

    private static func schema(_ status: DatabaseStatus) -> String {
        var text = "\(status.schemaVersion)"
        text += status.isUpToDate ? " (up to date)" : " (\(status.pending.count) pending: run `opsline db migrate`)"
        if !status.unknownVersions.isEmpty {
            text += "; applied by a newer release: " + status.unknownVersions.map(String.init).joined(separator: ", ")
        }
        return text
    }

    private static func dueWork(_ due: DueWorkStatus, now: Date) -> String {
        var text = "\(due.waiting) waiting, \(due.due) due"
        if let oldest = due.oldestDueAt {
            let late = now.timeIntervalSince(oldest)
            text +=
                late > 0
                ? "; oldest due \(RFC3339.format(oldest)) (\(Int(late)) s overdue)"
                : "; next due \(RFC3339.format(oldest))"
        }
        return text
    }

    /// `135 MB`, `24 kB`: PostgreSQL's `pg_size_pretty` units (1024-based).
    static func bytes(_ count: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 10 * 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(Int(value.rounded())) \(units[unit])"
    }
}

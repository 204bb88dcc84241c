import Foundation
import Postgres
import Workflow

extension DeliveryQueue {
    /// Queues the daily digests due now, each once across replicas, and tells when the next one
    /// falls due.
    ///
    /// A digest is due from its local time on a working day of its calendar until that day ends;
    /// only today's is ever queued, so a server that was down at 09:00 sends the day's digest when
    /// it is back, never a backlog of earlier days'. A subscription created after today's time
    /// starts with the next working day's.
    /// - Returns: How many digests this call queued, and the instant the next falls due (`nil`:
    ///   no digest subscription).
    public func queueDueDigests() async throws -> (queued: Int, next: Date?) {
        let now = clock.now
        let rows = try await pool.withIdempotentStatements { connection in
            try await connection.query(NotificationSQL.digestSubscriptions).rows
        }
        var due: [(id: String, day: CalendarDay)] = []
        var next: Date?
        for row in rows {
            let at: String = try row.decode("digest_at")
            guard let minute = DigestSchedule.minute(parsing: at) else { continue }
            let calendarName =
                try row.decode("digest_calendar", as: String?.self) ?? BusinessCalendar.twentyFourSeven.name
            let schedule = DigestSchedule(
                minute: minute, calendar: calendars.businessCalendar(named: calendarName) ?? .twentyFourSeven)
            let lastOn = try row.decode("last_on", as: String?.self).flatMap(CalendarDay.init(parsing:))
            let createdAt: Date = try row.decode("created_at")
            if let today = schedule.due(at: now), today.at >= createdAt, lastOn.map({ $0 < today.day }) ?? true {
                let id: String = try row.decode("id")
                due.append((id, today.day))
            }
            if let upcoming = schedule.next(after: now)?.at, next.map({ upcoming < $0 }) ?? true { next = upcoming }
        }
        guard !due.isEmpty else { return (0, next) }
        let queued = try await pool.inTransaction { [clock, due] connection -> Int in
            var queued = 0
            for (id, day) in due {
                queued += try await connection.query(
                    NotificationSQL.queueDigest, [id, day.description, clock.statementNow]
                ).rows.count
            }
            if queued > 0 { try await connection.query(NotificationSQL.announce) }
            return queued
        }
        return (queued, next)
    }
}

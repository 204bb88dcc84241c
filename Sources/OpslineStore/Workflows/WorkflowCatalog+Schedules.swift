import Foundation
import Postgres
import Workflow

extension WorkflowCatalog {
    /// Plans the next occurrence of each of the workflow's schedules that has none planned with
    /// its timing, and drops the occurrences of schedules it no longer has or times otherwise, in
    /// the publishing transaction: the version and its plan commit together.
    func planSchedules(of definition: WorkflowDefinition, on connection: PostgresConnection) async throws {
        let current = definition.schedules.map { "\($0.name)\t\($0.timing)" }
        try await connection.query(ScheduleSQL.dropStale, [definition.name, current])
        guard !definition.schedules.isEmpty else { return }
        let now = clock.now
        let rows: [JSONValue] = definition.schedules.compactMap { schedule in
            let calendar = calendars.businessCalendar(named: schedule.calendar) ?? .twentyFourSeven
            guard let next = schedule.nextOccurrence(after: now, in: calendar) else { return nil }
            return ScheduleOccurrence(workflow: definition.name, schedule: schedule).row(at: next)
        }
        try await connection.query(ScheduleSQL.planMissing, [definition.name, JSONValue.array(rows).jsonText])
        try await connection.query(DueWorkSQL.announce)
    }
}

/// A schedule of a workflow's latest version and its next planned occurrence.
public struct ScheduleStatus: Sendable, Hashable {
    /// The workflow.
    public let workflow: String
    /// The schedule, as the latest version has it.
    public let schedule: WorkflowSchedule
    /// When it next creates a task; nil when nothing is planned (it never fires again on its
    /// calendar).
    public let next: Date?
}

extension WorkflowCatalog {
    /// The schedules of every workflow's latest version, with their next occurrences, by
    /// workflow and then in file order.
    public func schedules() async throws -> [ScheduleStatus] {
        let latest = try await latestPublished().filter { !$0.definition.schedules.isEmpty }
        guard !latest.isEmpty else { return [] }
        let rows = try await pool.withIdempotentStatements { try await $0.query(ScheduleSQL.planned).rows }
        let timings = Dictionary(
            uniqueKeysWithValues: latest.flatMap { workflow in
                workflow.definition.schedules.map { ("\(workflow.name)/\($0.name)", $0.timing) }
            })
        var planned: [String: Date] = [:]
        for row in rows {
            let key = "\(try row.decode("workflow", as: String.self))/\(try row.decode("schedule", as: String.self))"
            // An occurrence planned with an old timing (dropped when it falls due) is not the next.
            guard timings[key] == (try row.decode("timing", as: String.self)), planned[key] == nil else { continue }
            planned[key] = try row.decode("due_at")
        }
        return latest.flatMap { workflow in
            workflow.definition.schedules.map { schedule in
                ScheduleStatus(
                    workflow: workflow.name, schedule: schedule, next: planned["\(workflow.name)/\(schedule.name)"])
            }
        }
    }
}

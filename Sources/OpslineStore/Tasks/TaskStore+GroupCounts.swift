import Postgres

/// How many tasks of one workflow and team a filter matches: one line of
/// ``TaskStore/countsByWorkflowAndTeam(_:)``.
public struct TaskGroupCount: Sendable, Hashable {
    /// The tasks' workflow.
    public let workflow: String
    /// The tasks' team; `nil` for tasks without one.
    public let team: String?
    /// How many tasks.
    public let count: Int
}

extension TaskStore {
    /// How many tasks `filter` matches, per workflow and team (its `sort`, `after` and `limit`
    /// aside): the groups ``count(_:)`` would count one by one, in one statement. Workflows by
    /// name, then teams by name, no team last; a group without tasks has no line.
    ///
    /// The dashboard's overview counts the open unassigned queues with it, with exactly the task
    /// list's filters and visibility, so a count equals the length of the list it links to.
    public func countsByWorkflowAndTeam(_ filter: TaskFilter) async throws -> [TaskGroupCount] {
        let rows = try await pool.withIdempotentStatements {
            try await $0.query(TaskListSQL.countByWorkflowAndTeam(filter), filterParameters(filter)).rows
        }
        return try rows.map {
            TaskGroupCount(
                workflow: try $0.decode("workflow"), team: try $0.decode("team"),
                count: Int(try $0.decode("total", as: Int64.self)))
        }
    }
}

extension TaskListSQL {
    /// How many tasks `filter` matches per workflow and team.
    static func countByWorkflowAndTeam(_ filter: TaskFilter) -> String {
        """
        SELECT tasks.workflow, tasks.team, count(*) AS total FROM tasks WHERE \(filters(filter))
        GROUP BY tasks.workflow, tasks.team
        ORDER BY tasks.workflow, tasks.team NULLS LAST
        """
    }
}

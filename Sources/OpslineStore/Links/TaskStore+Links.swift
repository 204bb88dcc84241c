extension TaskStore {
    /// Task `id`'s links both ways, oldest first, to the tasks `scope` sees: another team's task
    /// is no task to the caller, linked or not.
    public func links(of id: String, scope: TeamScope) async throws -> [TaskLink] {
        let rows = try await pool.withIdempotentStatements {
            try await $0.query(LinkSQL.links, [id, scope.visibleTeams]).rows
        }
        return try rows.map(TaskLink.init(row:))
    }
}

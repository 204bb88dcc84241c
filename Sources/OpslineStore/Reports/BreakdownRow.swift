import Postgres
import Workflow

/// One group of a breakdown report: its keys, how many tasks it has, and its measures.
public struct BreakdownRow: Sendable, Hashable {
    /// The group's key for each dimension, in the query's order, as text (nil: no value).
    public let keys: [String?]
    /// Tasks in the group.
    public let tasks: Int
    /// Of which not finished.
    public let open: Int
    /// Per measured field: `{count, avg, min, max, sum}` over the tasks that have a value.
    public let measures: [String: JSONValue]

    init(row: PostgresRow, dimensions: Int) throws {
        keys = try ["k1", "k2", "k3"].prefix(dimensions).map { try row.decode($0, as: String?.self) }
        tasks = try row.decode("tasks")
        open = try row.decode("open")
        measures = try JSONText.decodeObject(try row.decode("measures"))
    }
}

extension ReportStore {
    /// Tasks of a workflow grouped by up to three dimensions, with measures per group.
    public func breakdown(_ query: BreakdownQuery) async throws -> [BreakdownRow] {
        let names = query.by.map(\.name)
        let slots: [String?] = (0..<3).map { $0 < names.count ? names[$0] : nil }
        let rows = try await pool.withIdempotentStatements { connection in
            try await connection.query(
                BreakdownSQL.groups,
                [
                    query.workflow, slots[0], slots[1], slots[2], query.measures, query.from, query.to, query.team,
                    query.scope.visibleTeams,
                ]
            ).rows
        }
        return try rows.map { try BreakdownRow(row: $0, dimensions: names.count) }
    }
}

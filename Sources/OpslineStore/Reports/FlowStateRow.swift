import Postgres

/// How long tasks spent in one state of a workflow: one line of the flow report. Times are
/// elapsed (wall-clock) seconds, summed per task over its visits to the state.
public struct FlowStateRow: Sendable, Hashable {
    /// The state.
    public let state: String
    /// Whether it is a final state: its tasks ended there, and its times are zero (resting in a
    /// final state is not waiting).
    public let isFinal: Bool
    /// Tasks that spent time in it (ended in it, for a final state).
    public let tasks: Int
    /// Times tasks entered it (a task sent back counts again).
    public let visits: Int
    /// All the time spent in it.
    public let totalSeconds: Double
    /// The time a task spent in it, on average.
    public let averageSeconds: Double
    /// The median time a task spent in it.
    public let p50Seconds: Double
    /// The 90th percentile of the time a task spent in it.
    public let p90Seconds: Double

    init(row: PostgresRow) throws {
        state = try row.decode("state")
        isFinal = try row.decode("final")
        tasks = try row.decode("tasks")
        visits = try row.decode("visits")
        totalSeconds = try row.decode("total_s")
        averageSeconds = try row.decode("avg_s")
        p50Seconds = try row.decode("p50_s")
        p90Seconds = try row.decode("p90_s")
    }
}

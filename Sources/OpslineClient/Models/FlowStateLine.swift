/// Time spent in one state of a workflow (`GET /v1/reports/flow`).
public struct FlowStateLine: Decodable, Sendable, Hashable {
    /// The workflow.
    public var workflow: String
    /// The state.
    public var state: String
    /// Whether it is a final state, whose tasks ended there (no time counts in it); `nil` from a
    /// server that does not list final states.
    public var final: Bool?
    /// Tasks that spent time in it.
    public var tasks: Int
    /// Times tasks entered it.
    public var visits: Int
    /// All the time spent in it, in seconds.
    public var totalSeconds: Int
    /// The time a task spent in it, on average.
    public var averageSeconds: Int
    /// The median time a task spent in it.
    public var p50Seconds: Int
    /// The 90th percentile of the time a task spent in it.
    public var p90Seconds: Int

    enum CodingKeys: String, CodingKey {
        case workflow, state, final, tasks, visits
        case totalSeconds = "total_s"
        case averageSeconds = "avg_s"
        case p50Seconds = "p50_s"
        case p90Seconds = "p90_s"
    }
}

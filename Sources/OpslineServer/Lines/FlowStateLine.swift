import OpslineStore
import Workflow

/// One state of `GET /v1/reports/flow`: `workflow`, `state`, `final`, `tasks` that spent time
/// there (or ended there, in a final state), `visits`, and `total_s`, `avg_s`, `p50_s`, `p90_s`
/// of the time a task spent there (elapsed seconds, rounded; zero in a final state).
struct FlowStateLine: Encodable, Sendable {
    let workflow: String
    let row: FlowStateRow

    var json: JSONValue {
        func seconds(_ value: Double) -> JSONValue { .int(Int64(value.rounded())) }
        return .object([
            "workflow": .string(workflow), "state": .string(row.state), "final": .bool(row.isFinal),
            "tasks": .int(Int64(row.tasks)),
            "visits": .int(Int64(row.visits)), "total_s": seconds(row.totalSeconds),
            "avg_s": seconds(row.averageSeconds), "p50_s": seconds(row.p50Seconds), "p90_s": seconds(row.p90Seconds),
        ])
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

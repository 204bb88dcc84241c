import OpslineStore
import Workflow

/// One group of `GET /v1/reports/sla`: the dimensions it groups by (only those asked for: `team`,
/// the team the clocks are charged to; `workflow`; `policy`; `cycle`, a number), then
/// `total`, `met`, `breached`, `running`, `compliance` (null while nothing was met or breached)
/// and `p50_s`/`p90_s` of the working time stopped clocks used (null when none stopped).
struct SLAReportLine: Encodable, Sendable {
    let row: SLAComplianceRow
    let by: [SLAReportDimension]

    var json: JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func seconds(_ value: Double?) -> JSONValue { value.map { .int(Int64($0.rounded())) } ?? .null }
        var line: [String: JSONValue] = [
            "total": .int(Int64(row.total)), "met": .int(Int64(row.met)),
            "breached": .int(Int64(row.breached)), "running": .int(Int64(row.running)),
            "compliance": row.compliance.map(JSONValue.double) ?? .null,
            "p50_s": seconds(row.p50Seconds), "p90_s": seconds(row.p90Seconds),
        ]
        for dimension in by {
            switch dimension {
            case .team: line["team"] = optional(row.team)
            case .workflow: line["workflow"] = optional(row.workflow)
            case .policy: line["policy"] = optional(row.policy)
            case .cycle: line["cycle"] = row.cycle.map { .int(Int64($0)) } ?? .null
            }
        }
        return .object(line)
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

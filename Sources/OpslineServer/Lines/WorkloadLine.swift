import OpslineStore
import Workflow

/// One line of `GET /v1/reports/workload`: a person's load in a team
/// (`{"user","team","open","at_risk","breached","oldest_open_at","assigned_7d","closed_7d"}`) or a
/// team's queue (`{"team","unassigned"}`).
struct WorkloadLine: Encodable, Sendable {
    let row: WorkloadRow

    var json: JSONValue {
        func team(_ name: String?) -> JSONValue { name.map(JSONValue.string) ?? .null }
        switch row {
        case .person(let person):
            let oldest: JSONValue = person.oldestOpenAt.map { .string(RFC3339.format($0)) } ?? .null
            return [
                "user": .string(person.user), "team": team(person.team), "open": .int(Int64(person.open)),
                "at_risk": .int(Int64(person.atRisk)), "breached": .int(Int64(person.breached)),
                "oldest_open_at": oldest,
                "assigned_7d": .int(Int64(person.assignedRecently)),
                "closed_7d": .int(Int64(person.closedRecently)),
            ]
        case .queue(let name, let unassigned):
            return ["team": team(name), "unassigned": .int(Int64(unassigned))]
        }
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

import OpslineStore
import Workflow

/// One group of `GET /v1/reports/breakdown`: `group` (each dimension's value, typed as its field:
/// `{"likelihood":4,"impact":5}`, null for tasks without one), `tasks`, `open`, and `measures`
/// (per measured field: `count` of tasks with a value, `avg`, `min`, `max`, `sum`; null without
/// any).
struct BreakdownLine: Encodable, Sendable {
    let row: BreakdownRow
    let dimensions: [BreakdownQuery.Dimension]
    let definition: WorkflowDefinition

    var json: JSONValue {
        var group: [String: JSONValue] = [:]
        for (dimension, key) in zip(dimensions, row.keys) {
            group[dimension.name] = key.map { typed($0, as: dimension) } ?? .null
        }
        return [
            "group": .object(group), "tasks": .int(Int64(row.tasks)), "open": .int(Int64(row.open)),
            "measures": .object(row.measures),
        ]
    }

    /// A field's key as its type reads: numbers and booleans as such, the rest as text.
    private func typed(_ text: String, as dimension: BreakdownQuery.Dimension) -> JSONValue {
        guard case .field(let name) = dimension, let field = definition.field(named: name) else { return .string(text) }
        switch field.type {
        case .int: return Int64(text).map(JSONValue.int) ?? .string(text)
        case .decimal: return Double(text).map(JSONValue.double) ?? .string(text)
        case .bool: return .bool(text == "true")
        default: return .string(text)
        }
    }

    func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

import Workflow

extension WorkflowDocument {
    /// `{"name","type","required", "values"?, "items"?, "default"?, "min"?, "max"?, "title"?,
    /// "compute"?, "rollup"?}`; `items` is itself a type (`{"type":"enum","values":[…]}`).
    static func field(_ field: FieldDefinition) -> JSONValue {
        var members = typeMembers(field.type)
        members["name"] = .string(field.name)
        members["required"] = .bool(field.required)
        members["default"] = field.defaultValue
        members["min"] = field.min.map(number)
        members["max"] = field.max.map(number)
        members["title"] = field.title.map(JSONValue.string)
        members["compute"] = field.compute.map { .string($0.text) }
        members["rollup"] = field.rollup.map { ["sum": .string($0.field), "of": .string($0.workflow)] }
        return .object(members)
    }

    /// `{"type":…}` with an enum's `values` or a list's `items`.
    private static func typeMembers(_ type: FieldType) -> [String: JSONValue] {
        switch type {
        case .enumeration(let values):
            return ["type": "enum", "values": names(values)]
        case .list(let items):
            return ["type": "list", "items": .object(typeMembers(items))]
        default:
            return ["type": .string(type.description)]
        }
    }

    /// A limit as an integer when it is whole, as files write them.
    private static func number(_ value: Double) -> JSONValue {
        guard value == value.rounded(), abs(value) < 9e15 else { return .double(value) }
        return .int(Int64(value))
    }
}

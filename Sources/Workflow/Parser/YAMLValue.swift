import Yams

/// Converts YAML nodes to JSON values, guided by the field type they are meant for.
enum YAMLValue {
    /// The node as a JSON value.
    ///
    /// For string-like types (string, text, user, date, enum) any plain scalar counts as its text,
    /// so `default: 2026-10-01` and `default: 3` mean the strings people typed.
    static func json(_ node: Node, as type: FieldType?) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: node.tag.rawValue, textual: type?.isTextual ?? false)
        case .sequence(let sequence):
            let itemType: FieldType? = if case .list(let items) = type { items } else { nil }
            return .array(sequence.map { json($0, as: itemType) })
        case .mapping(let mapping):
            let pairs = mapping.map { ($0.key.string ?? "", json($0.value, as: nil)) }
            return .object(Dictionary(pairs, uniquingKeysWith: { _, last in last }))
        case .alias:
            return .null
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, tag: String, textual: Bool) -> JSONValue {
        if tag == Tag.Name.null.rawValue { return .null }
        if textual { return .string(scalar.string) }
        let node = Node.scalar(scalar)
        switch tag {
        case Tag.Name.bool.rawValue:
            return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case Tag.Name.int.rawValue:
            return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
        case Tag.Name.float.rawValue:
            return node.float.map(JSONValue.double) ?? .string(scalar.string)
        default:
            return .string(scalar.string)
        }
    }
}

extension FieldType {
    /// Whether values of this type are strings.
    fileprivate var isTextual: Bool {
        switch self {
        case .string, .text, .user, .date, .enumeration, .attachment: true
        case .int, .decimal, .bool, .list: false
        }
    }
}

/// Reads a field's `type:` together with `values:` (enums) and `items:` (lists).
enum FieldTypeReader {
    private static let simpleTypes: [String: FieldType] = [
        "string": .string, "text": .text, "int": .int, "decimal": .decimal,
        "bool": .bool, "date": .date, "user": .user, "attachment": .attachment,
    ]
    private static let typeNames = "string, text, int, decimal, bool, date, user, attachment, enum, list"

    /// Parses the type described by a field mapping (or by a list's `items:` mapping).
    static func parse(_ mapping: SourceMapping) throws(WorkflowLoadError) -> FieldType {
        let typeNode = try mapping.require("type")
        let name = try typeNode.string()
        try refuse("values", in: mapping, unless: name == "enum", kind: "enum")
        try refuse("items", in: mapping, unless: name == "list", kind: "list")
        if let simple = simpleTypes[name] { return simple }
        switch name {
        case "enum": return .enumeration(try enumValues(mapping.require("values")))
        case "list": return .list(try itemType(mapping.require("items")))
        default:
            throw typeNode.error(
                "\(typeNode.label) is unknown type '\(name)' (expected one of: \(typeNames))")
        }
    }

    private static func refuse(
        _ key: String, in mapping: SourceMapping, unless allowed: Bool, kind: String
    )
        throws(WorkflowLoadError)
    {
        guard !allowed, let node = mapping.value(key) else { return }
        throw node.error("\(node.label) only applies to \(kind) fields")
    }

    private static func enumValues(_ node: SourceNode) throws(WorkflowLoadError) -> [String] {
        var values: [String] = []
        for item in try node.sequence(of: "values") {
            let value = try item.string()
            guard !values.contains(value) else {
                throw item.error("\(node.label) lists '\(value)' twice")
            }
            values.append(value)
        }
        guard !values.isEmpty else { throw node.error("\(node.label) must not be empty") }
        return values
    }

    private static func itemType(_ node: SourceNode) throws(WorkflowLoadError) -> FieldType {
        if case .scalar = node.node {
            let name = try node.string()
            guard let simple = simpleTypes[name], simple != .attachment else {
                throw node.error(
                    "\(node.label) must be one of \(simpleTypes.keys.filter { $0 != "attachment" }.sorted().joined(separator: ", ")), or a mapping with 'type'"
                )
            }
            return simple
        }
        let mapping = try node.mapping(context: node.label)
        try mapping.allowOnly(["type", "values", "items"])
        return try parse(mapping)
    }
}

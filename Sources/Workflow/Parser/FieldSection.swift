/// Reads `fields:`: each field's type, limits and default.
enum FieldSection {
    private static let keys = [
        "type", "required", "default", "values", "items", "min", "max", "title",
    ]

    /// Parses the `fields:` mapping; a workflow without one has no fields.
    static func parse(_ node: SourceNode?) throws(WorkflowLoadError) -> [FieldDefinition] {
        guard let node else { return [] }
        let mapping = try node.mapping(context: "fields", allowingNull: true)
        var fields: [FieldDefinition] = []
        for (name, value) in mapping.namedValues(label: { "field '\($0)'" }) {
            try NameRules.checkIdentifier(name, kind: "field", file: node.file)
            fields.append(try parseField(name.name, value))
        }
        return fields
    }

    private static func parseField(
        _ name: String, _ node: SourceNode
    ) throws(WorkflowLoadError)
        -> FieldDefinition
    {
        let mapping = try node.mapping(context: "field '\(name)'")
        try mapping.allowOnly(keys)
        let type = try FieldTypeReader.parse(mapping)
        let (min, max) = try limits(mapping, type: type)
        var title: String?
        if let titleNode = mapping.value("title") { title = try titleNode.string() }
        var field = FieldDefinition(
            name: name,
            type: type,
            required: try mapping.value("required")?.bool() ?? false,
            min: min,
            max: max,
            title: title
        )
        if let defaultNode = mapping.value("default"), !defaultNode.isNull {
            field = FieldDefinition(
                name: name,
                type: type,
                required: field.required,
                defaultValue: try defaultValue(defaultNode, for: field),
                min: min,
                max: max,
                title: title
            )
        }
        return field
    }

    private static func limits(
        _ mapping: SourceMapping, type: FieldType
    ) throws(WorkflowLoadError)
        -> (Double?, Double?)
    {
        let minNode = mapping.value("min")
        let maxNode = mapping.value("max")
        if let limit = minNode ?? maxNode, type != .int, type != .decimal {
            throw limit.error("\(limit.label) only applies to int and decimal fields")
        }
        let min = try minNode?.number()
        let max = try maxNode?.number()
        if let min, let max, let maxNode, max < min {
            throw maxNode.error("\(maxNode.label) is below 'min' (\(FieldDefinition.format(min)))")
        }
        return (min, max)
    }

    private static func defaultValue(
        _ node: SourceNode, for field: FieldDefinition
    )
        throws(WorkflowLoadError) -> JSONValue
    {
        let value = YAMLValue.json(node.node, as: field.type)
        switch field.check(value) {
        case .success(let normalised):
            return normalised
        case .failure(let mismatch):
            let shown = node.node.scalar.map { " '\($0.string)'" } ?? ""
            throw node.error("field '\(field.name)': invalid default\(shown): \(mismatch.problem)")
        }
    }
}

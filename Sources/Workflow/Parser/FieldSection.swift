/// Reads `fields:`: each field's type, limits and default, or the expression it is computed from.
enum FieldSection {
    private static let keys = [
        "type", "required", "default", "values", "items", "min", "max", "title", "compute", "rollup", "lookup",
    ]
    /// Keys a computed field may not have: clients never set it and nothing checks it.
    private static let notComputed = ["required", "default", "min", "max", "lookup"]

    /// Reads the `fields:` mapping, each field on its own; a workflow without one has no fields.
    static func read(_ node: SourceNode?, problems: inout LoadProblems) -> Declared<FieldDefinition> {
        guard let node else { return Declared() }
        guard
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in
                try node.mapping(context: "fields", allowingNull: true)
            })
        else { return Declared(unreadable: true) }
        var fields = Declared<FieldDefinition>()
        for (name, value) in mapping.namedValues(label: { "field '\($0)'" }) {
            var named = NameRules.checkIdentifier(name, kind: "field", file: node.file, problems: &problems)
            if let taken = TransitionContext.conditionNames.first(where: { $0.name == name.name }) {
                problems.report(
                    WorkflowLoadError(
                        file: node.file, line: name.line,
                        message: "field name '\(taken.name)' is taken: conditions read it as \(taken.meaning)"))
                named = false
            }
            let field = value.readMapping(context: "field '\(name.name)'", allowedKeys: keys, problems: &problems) {
                mapping, problems in
                problems.attempt { () throws(WorkflowLoadError) in try parseField(name.name, mapping) }
            }
            if let field, named { fields.valid.append(field) } else { fields.broken.insert(name.name) }
        }
        return fields
    }

    private static func parseField(
        _ name: String, _ mapping: SourceMapping
    ) throws(WorkflowLoadError)
        -> FieldDefinition
    {
        let type = try FieldTypeReader.parse(mapping)
        if type == .attachment { try refuseInAttachment(mapping, name: name) }
        var title: String?
        if let titleNode = mapping.value("title") { title = try titleNode.string() }
        if let computeNode = mapping.value("compute") {
            try refuseInComputed(mapping, name: name)
            return FieldDefinition(name: name, type: type, title: title, compute: try computeNode.expression())
        }
        if let rollupNode = mapping.value("rollup") {
            return FieldDefinition(
                name: name, type: type, title: title, rollup: try rollup(rollupNode, mapping, name: name, type: type))
        }
        let (min, max) = try limits(mapping, type: type)
        let lookup = try mapping.value("lookup").map { node throws(WorkflowLoadError) in
            try Self.lookup(node, name: name, type: type)
        }
        let field = FieldDefinition(
            name: name,
            type: type,
            required: try mapping.value("required")?.bool() ?? false,
            min: min,
            max: max,
            title: title,
            lookup: lookup
        )
        guard let defaultNode = mapping.value("default"), !defaultNode.isNull else { return field }
        return FieldDefinition(
            name: name,
            type: type,
            required: field.required,
            defaultValue: try defaultValue(defaultNode, for: field),
            min: min,
            max: max,
            title: title,
            lookup: lookup
        )
    }

    /// `lookup: {take: tier, of: customer, by: customer}`: the field of a record of another
    /// workflow, matched by a field both declare.
    private static func lookup(
        _ node: SourceNode, name: String, type: FieldType
    ) throws(WorkflowLoadError)
        -> FieldLookup
    {
        if case .list = type {
            throw node.error("field '\(name)' is a \(type), which a lookup cannot fill; it takes one value")
        }
        if type == .attachment {
            throw node.error("field '\(name)' is a \(type), which a lookup cannot fill; it takes one value")
        }
        let lookup = try node.mapping(context: "field '\(name)' lookup")
        try lookup.allowOnly(["take", "of", "by"])
        let workflow = try lookup.require("of")
        guard NameRules.isWorkflowName(try workflow.string()) else {
            throw workflow.error("field '\(name)' lookup: 'of' must be a workflow name, a-z, 0-9 and '-'")
        }
        return FieldLookup(
            workflow: try workflow.string(), field: try lookup.require("take").string(),
            key: try lookup.require("by").string(), line: node.line)
    }

    /// An attachment field is empty until a file is uploaded into it: it has no default and
    /// cannot be required of a new task (a transition's `require:` asks for it), nor computed.
    private static func refuseInAttachment(_ mapping: SourceMapping, name: String) throws(WorkflowLoadError) {
        for key in ["required", "default", "compute"] {
            guard let node = mapping.value(key) else { continue }
            throw node.error(
                "field '\(name)' is an attachment (a file uploaded into it), so it cannot have '\(key)'; a transition's 'require:' can ask for it"
            )
        }
    }

    /// `rollup: {sum: cost, of: resource-request}` on an `int` or `decimal` field with no other
    /// source of values.
    private static func rollup(
        _ node: SourceNode, _ mapping: SourceMapping, name: String, type: FieldType
    ) throws(WorkflowLoadError) -> FieldRollup {
        guard type == .int || type == .decimal else {
            throw node.error("field '\(name)' sums numbers, so it must be an int or decimal field, not \(type)")
        }
        for key in ["required", "default", "compute", "lookup"] {
            guard let other = mapping.value(key) else { continue }
            throw other.error("field '\(name)' is a roll-up of its children, so it cannot have '\(key)'")
        }
        let rollup = try node.mapping(context: "field '\(name)' rollup")
        try rollup.allowOnly(["sum", "of"])
        let workflow = try rollup.require("of")
        guard NameRules.isWorkflowName(try workflow.string()) else {
            throw workflow.error("field '\(name)' rollup: 'of' must be a workflow name, a-z, 0-9 and '-'")
        }
        return FieldRollup(workflow: try workflow.string(), field: try rollup.require("sum").string(), line: node.line)
    }

    private static func refuseInComputed(_ mapping: SourceMapping, name: String) throws(WorkflowLoadError) {
        for key in notComputed {
            guard let node = mapping.value(key) else { continue }
            throw node.error("field '\(name)' is computed, so it cannot have '\(key)'")
        }
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
        let min = try minNode.map { node throws(WorkflowLoadError) in try limit(node, type: type) }
        let max = try maxNode.map { node throws(WorkflowLoadError) in try limit(node, type: type) }
        if let min, let max, let maxNode, max < min {
            throw maxNode.error("\(maxNode.label) is below 'min' (\(FieldDefinition.format(min)))")
        }
        return (min, max)
    }

    private static func limit(_ node: SourceNode, type: FieldType) throws(WorkflowLoadError) -> Double {
        let number = try node.number()
        if type == .int, number.rounded() != number {
            throw node.error("\(node.label) must be a whole number for an int field")
        }
        return number
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

/// Reads an SLA `target:`: one duration, or one per value of an enum field.
struct SLATargetReader {
    /// How messages name the policy, e.g. `sla 'resolution'`.
    let context: String
    /// The workflow's fields.
    let fields: Declared<FieldDefinition>

    /// Parses `target: 4h`, `target: {by: severity, p1: 30m, p2: 2h, p3: 8h}` or
    /// `target: {deadline: due_date}`.
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> SLAPolicy.Target {
        if case .sequence = node.node { return try goals(node) }
        guard case .mapping = node.node else { return .fixed(try node.duration()) }
        let mapping = try node.mapping(context: "\(context) target")
        if let deadline = mapping.value("deadline") {
            try mapping.allowOnly(["deadline"])
            return .deadline(field: try dateField(deadline))
        }
        let byNode = try mapping.require("by")
        let name = try byNode.string()
        guard fields.declares(name) else {
            throw byNode.error("\(context) target is keyed by unknown field '\(name)'")
        }
        var durations: [String: WorkDuration] = [:]
        guard let field = fields.named(name) else {
            // The field has problems of its own: only the durations can be checked.
            for entry in mapping.entries where entry.key != "by" {
                durations[entry.key] = try mapping.value(entry.key)?.duration()
            }
            return .keyed(field: name, durations: durations)
        }
        guard case .enumeration(let values) = field.type else {
            throw byNode.error(
                "\(context) target is keyed by '\(field.name)', which is not an enum field")
        }
        for entry in mapping.entries where entry.key != "by" {
            guard values.contains(entry.key) else {
                throw WorkflowLoadError(
                    file: node.file,
                    line: entry.keyLine,
                    message: "\(context) target has a duration for '\(entry.key)', "
                        + "which is not a value of '\(field.name)' (\(values.joined(separator: ", ")))"
                )
            }
            durations[entry.key] = try mapping.value(entry.key)?.duration()
        }
        if let missing = values.first(where: { durations[$0] == nil }) {
            throw node.error("\(context) target has no duration for \(field.name) '\(missing)'")
        }
        return .keyed(field: field.name, durations: durations)
    }

    /// The `date` field a deadline target reads.
    private func dateField(_ node: SourceNode) throws(WorkflowLoadError) -> String {
        let name = try node.string()
        guard fields.declares(name) else {
            throw node.error("\(context) target has a deadline in unknown field '\(name)'")
        }
        if let field = fields.named(name), field.type != .date {
            throw node.error("\(context) target has a deadline in '\(name)', which is not a date field")
        }
        return name
    }

    /// `target: [{when: "tier == 'vip'", target: …}, …, {target: …}]`: goals tried in order, each
    /// a target of its own; only the last has no condition.
    private func goals(_ node: SourceNode) throws(WorkflowLoadError) -> SLAPolicy.Target {
        let items = try node.sequence(of: "\(context) target goals")
        guard items.count >= 2 else {
            throw node.error("\(context) target lists goals: give at least two, the last without 'when'")
        }
        var goals: [SLAPolicy.Target.Goal] = []
        for (index, item) in items.enumerated() {
            let label = "\(context) target goal \(index + 1)"
            let mapping = try item.mapping(context: label)
            try mapping.allowOnly(["when", "target"])
            let isLast = index == items.count - 1
            let when = try mapping.value("when").map { node throws(WorkflowLoadError) in try condition(node, label) }
            if isLast, let whenNode = mapping.value("when") {
                throw whenNode.error("\(label) is the last, which applies when no other does: it takes no 'when'")
            }
            if !isLast, when == nil { throw item.error("\(label) needs 'when' (only the last goal has none)") }
            let target = try parse(try mapping.require("target"))
            if case .goals = target { throw item.error("\(label) cannot list goals of its own") }
            goals.append(SLAPolicy.Target.Goal(when: when, target: target))
        }
        return .goals(goals)
    }

    /// A goal's condition, type-checked against the workflow's fields.
    private func condition(_ node: SourceNode, _ label: String) throws(WorkflowLoadError) -> ExpressionSource {
        let source = try node.expression()
        let types = Dictionary(uniqueKeysWithValues: fields.valid.map { ($0.name, $0.type) })
        guard source.expression.fieldNames.isDisjoint(with: fields.broken) else { return source }
        do throws(ExpressionError) {
            try source.expression.typeCheckCondition(fields: types)
        } catch {
            throw WorkflowLoadError(
                file: node.file, line: source.line,
                message: ExpressionCheck.message("\(label) when", source.text, error))
        }
        return source
    }
}

extension WorkflowDefinition {
    /// Validates the fields of a new task and applies defaults.
    ///
    /// Unknown fields, computed fields (which clients cannot set), mistyped values, values outside
    /// an enum or `min`/`max`, and required fields that are absent after defaults are all reported
    /// at once. `null` means absent. Computed fields are evaluated last, from the others.
    /// - Parameter fields: The fields the creator gave.
    /// - Returns: The complete, normalised field set.
    /// - Throws: ``RuleViolation/invalidFields(_:)``.
    public func prepareNewTask(
        fields: [String: JSONValue]
    ) throws(RuleViolation) -> [String:
        JSONValue]
    {
        var problems = unknownFieldProblems(in: fields)
        var prepared: [String: JSONValue] = [:]
        for definition in self.fields where !definition.isComputed {
            let given = fields[definition.name] ?? .null
            if given != .null {
                switch definition.check(given) {
                case .success(let value): prepared[definition.name] = value
                case .failure(let mismatch):
                    problems.append(FieldProblem(field: definition.name, problem: mismatch.problem))
                }
            } else if let defaultValue = definition.defaultValue {
                prepared[definition.name] = defaultValue
            } else if definition.required {
                problems.append(FieldProblem(field: definition.name, problem: "is required"))
            }
        }
        guard problems.isEmpty else { throw .invalidFields(problems.sorted()) }
        return computingFields(prepared)
    }

    /// Validates a field update and merges it into a task's fields.
    ///
    /// `null` removes an optional field; removing a required one is a problem, and so is naming a
    /// computed field. Fields not named in `changes` are kept as they are; computed fields are
    /// evaluated again from the result.
    /// - Parameters:
    ///   - changes: The new values, by field name.
    ///   - fields: The task's current fields.
    /// - Returns: The merged fields.
    /// - Throws: ``RuleViolation/invalidFields(_:)`` with every problem, sorted by field.
    public func applyFieldChanges(
        _ changes: [String: JSONValue],
        to fields: [String: JSONValue]
    ) throws(RuleViolation) -> [String: JSONValue] {
        var problems = unknownFieldProblems(in: changes)
        var merged = fields
        for (name, value) in changes {
            guard let definition = field(named: name), !definition.isComputed else { continue }
            if value == .null {
                if definition.required {
                    problems.append(FieldProblem(field: name, problem: "is required"))
                }
                merged[name] = nil
                continue
            }
            switch definition.check(value) {
            case .success(let normalised): merged[name] = normalised
            case .failure(let mismatch):
                problems.append(FieldProblem(field: name, problem: mismatch.problem))
            }
        }
        guard problems.isEmpty else { throw .invalidFields(problems.sorted()) }
        return computingFields(merged)
    }

    /// Sets the attachment field `name` to the attachment `id`, a file just uploaded into it;
    /// computed fields are evaluated again from the result.
    /// - Throws: ``RuleViolation/invalidFields(_:)`` when the workflow has no such field or it is
    ///   not an attachment field.
    public func attaching(
        _ id: String, toField name: String, of fields: [String: JSONValue]
    ) throws(RuleViolation) -> [String: JSONValue] {
        guard let definition = field(named: name) else {
            throw .invalidFields([FieldProblem(field: name, problem: "unknown field")])
        }
        guard definition.type == .attachment else {
            throw .invalidFields([
                FieldProblem(field: name, problem: "is a \(definition.type) field, not an attachment field")
            ])
        }
        var merged = fields
        merged[name] = .string(id)
        return computingFields(merged)
    }

    /// Sets the roll-up field `name` to the children's sum (`nil`: none has a value); computed
    /// fields are evaluated again from the result.
    public func rollingUp(_ name: String, to sum: JSONValue?, in fields: [String: JSONValue]) -> [String: JSONValue] {
        var merged = fields
        merged[name] = sum
        return computingFields(merged)
    }

    /// The fields whose value is looked up in a record (`lookup:`).
    public var lookups: [(field: FieldDefinition, lookup: FieldLookup)] {
        fields.compactMap { field in field.lookup.map { (field, $0) } }
    }

    /// Whether field `name` can hold `value`: a looked-up value is used only when it can (a
    /// record of another version of its workflow may hold one the field refuses).
    public func accepts(_ value: JSONValue, forField name: String) -> Bool {
        guard let field = field(named: name), case .success = field.check(value) else { return false }
        return true
    }

    /// The roll-up fields that sum a field of `workflow`'s tasks.
    public func rollups(over workflow: String) -> [FieldDefinition] {
        fields.filter { $0.rollup?.workflow == workflow }
    }

    /// Names that are no declared field, a computed one or an attachment one: clients cannot set
    /// those (an attachment field gets its value from a file uploaded into it).
    private func unknownFieldProblems(in values: [String: JSONValue]) -> [FieldProblem] {
        values.keys.compactMap { name in
            guard let definition = field(named: name) else {
                return FieldProblem(field: name, problem: "unknown field")
            }
            guard !definition.isComputed else {
                return FieldProblem(field: name, problem: "is computed and cannot be set")
            }
            if let rollup = definition.rollup {
                return FieldProblem(
                    field: name,
                    problem: "is the sum of '\(rollup.field)' over the \(rollup.workflow) children and cannot be set")
            }
            guard definition.type != .attachment else {
                return FieldProblem(
                    field: name,
                    problem:
                        "is an attachment field: upload the file into it (POST /v1/tasks/{id}/attachments?field=\(name))"
                )
            }
            return nil
        }
    }
}

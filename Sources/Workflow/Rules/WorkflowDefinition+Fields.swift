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

    /// Names that are no declared field, or a computed one, which clients cannot set.
    private func unknownFieldProblems(in values: [String: JSONValue]) -> [FieldProblem] {
        values.keys.compactMap { name in
            guard let definition = field(named: name) else {
                return FieldProblem(field: name, problem: "unknown field")
            }
            guard !definition.isComputed else {
                return FieldProblem(field: name, problem: "is computed and cannot be set")
            }
            return nil
        }
    }
}

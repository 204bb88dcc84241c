/// The order computed fields are evaluated in: each after the computed fields it reads.
enum ComputedFieldOrder {
    /// The computed fields, each after those it depends on; or the first cycle found, as the
    /// names along it (`["a", "b", "a"]`).
    static func order(_ fields: [FieldDefinition]) -> Result<[FieldDefinition], Cycle> {
        let computed = Dictionary(uniqueKeysWithValues: fields.filter(\.isComputed).map { ($0.name, $0) })
        var ordered: [FieldDefinition] = []
        var done: Set<String> = []
        var path: [String] = []

        func visit(_ name: String) -> Cycle? {
            if done.contains(name) { return nil }
            if let start = path.firstIndex(of: name) { return Cycle(names: Array(path[start...]) + [name]) }
            guard let field = computed[name], let compute = field.compute else { return nil }
            path.append(name)
            for dependency in compute.expression.fieldNames.sorted() where computed[dependency] != nil {
                if let cycle = visit(dependency) { return cycle }
            }
            path.removeLast()
            done.insert(name)
            ordered.append(field)
            return nil
        }

        for field in fields where field.isComputed {
            if let cycle = visit(field.name) { return .failure(cycle) }
        }
        return .success(ordered)
    }

    /// Refuses a workflow whose computed fields depend on themselves.
    static func check(_ fields: [FieldDefinition], file: String) throws(WorkflowLoadError) {
        guard case .failure(let cycle) = order(fields), let first = cycle.names.first,
            let field = fields.first(where: { $0.name == first }), let compute = field.compute
        else { return }
        let message =
            cycle.names.count == 2
            ? "field '\(first)' compute '\(compute.text)': the field is computed from itself"
            : "field '\(first)' compute '\(compute.text)': computed fields depend on each other in a cycle: "
                + cycle.names.joined(separator: " → ")
        throw WorkflowLoadError(file: file, line: compute.line, message: message)
    }

    /// Computed fields that read each other in a circle.
    struct Cycle: Error {
        let names: [String]
    }
}

extension WorkflowDefinition {
    /// The fields with every computed field evaluated afresh, in dependency order.
    ///
    /// A computed value that comes out `null` (an input is missing, a division by zero) or does
    /// not fit the field removes the field, as `null` does for any field.
    /// - Parameter fields: The task's stored and changed fields.
    /// - Returns: The same fields with computed ones replaced.
    func computingFields(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        // The loader refuses cycles, so a definition always has an order.
        guard case .success(let computed) = ComputedFieldOrder.order(self.fields), !computed.isEmpty else {
            return fields
        }
        var result = fields
        for field in computed {
            guard let compute = field.compute else { continue }
            let value = compute.expression.evaluate(result)
            result[field.name] = value == .null ? nil : try? field.check(value).get()
        }
        return result
    }
}

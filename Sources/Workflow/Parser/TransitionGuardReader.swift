/// Reads a transition's guards: `require:`, `roles:`, `when:` and `children:`.
struct TransitionGuardReader {
    /// The transition's name.
    let transition: String
    /// The workflow's fields.
    let fields: [FieldDefinition]

    private var context: String { "transition '\(transition)'" }

    /// Parses the guard keys of a transition's mapping; absent keys guard nothing.
    func parse(_ mapping: SourceMapping) throws(WorkflowLoadError) -> TransitionGuard {
        var require: [String] = []
        if let node = mapping.value("require") { require = try requiredFields(node) }
        var roles: [WorkflowRole] = []
        if let node = mapping.value("roles") { roles = try self.roles(node) }
        let when = try mapping.value("when")?.expression()
        var childrenDone = false
        if let node = mapping.value("children") { childrenDone = try children(node) }
        return TransitionGuard(require: require, roles: roles, when: when, requiresChildrenDone: childrenDone)
    }

    /// Fields that must be set; a computed field cannot be required, since nobody can set it.
    private func requiredFields(_ node: SourceNode) throws(WorkflowLoadError) -> [String] {
        var names: [String] = []
        for name in try node.names(of: "fields") {
            guard let field = fields.first(where: { $0.name == name.name }) else {
                throw error(at: name, node, "\(context) requires unknown field '\(name.name)'")
            }
            guard !field.isComputed else {
                throw error(
                    at: name, node,
                    "\(context) requires computed field '\(name.name)'; require the fields it is computed from")
            }
            if !names.contains(name.name) { names.append(name.name) }
        }
        return names
    }

    private func roles(_ node: SourceNode) throws(WorkflowLoadError) -> [WorkflowRole] {
        var roles: [WorkflowRole] = []
        for name in try node.names(of: "roles") {
            guard let role = WorkflowRole(rawValue: name.name) else {
                let known = WorkflowRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(
                    at: name, node, "\(context) allows unknown role '\(name.name)' (expected one of: \(known))")
            }
            if !roles.contains(role) { roles.append(role) }
        }
        return roles
    }

    private func children(_ node: SourceNode) throws(WorkflowLoadError) -> Bool {
        guard node.node.scalar?.string == "done" else {
            throw node.error("\(node.label) must be 'done' (every child task finished)")
        }
        return true
    }

    private func error(at name: NameAt, _ node: SourceNode, _ message: String) -> WorkflowLoadError {
        WorkflowLoadError(file: node.file, line: name.line, message: message)
    }
}

/// Reads a transition's guards: `require:`, `roles:`, `when:`, `children:`, `checklist:` and
/// `not_by:`.
struct TransitionGuardReader {
    /// The transition's name.
    let transition: String
    /// The workflow's fields.
    let fields: Declared<FieldDefinition>
    /// Every transition of the workflow, which `not_by:` may name.
    var transitions: Set<String> = []

    private var context: String { "transition '\(transition)'" }

    /// Reads the guard keys of a transition's mapping, each on its own; absent keys guard
    /// nothing.
    /// - Returns: The guards, or `nil` when any has a problem (each is reported).
    func read(_ mapping: SourceMapping, problems: inout LoadProblems) -> TransitionGuard? {
        let require = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("require").map { node throws(WorkflowLoadError) in try requiredFields(node) } ?? []
        }
        let roles = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("roles").map { node throws(WorkflowLoadError) in try self.roles(node) } ?? []
        }
        let when = problems.attempt { () throws(WorkflowLoadError) in try mapping.value("when")?.expression() }
        let childrenDone = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("children").map { node throws(WorkflowLoadError) in try children(node) } ?? false
        }
        let checklistDone = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("checklist").map { node throws(WorkflowLoadError) in
                try done(node, "every item of the state's checklist ticked")
            } ?? false
        }
        let notBy = problems.attempt { () throws(WorkflowLoadError) in
            try mapping.value("not_by").map { node throws(WorkflowLoadError) in try self.notBy(node) } ?? []
        }
        guard let require, let roles, let when, let childrenDone, let checklistDone, let notBy else { return nil }
        return TransitionGuard(
            require: require, roles: roles, when: when, requiresChildrenDone: childrenDone,
            requiresChecklistDone: checklistDone, notBy: notBy)
    }

    /// `not_by: [created, assess]`: `created` or transitions of the workflow, each once.
    private func notBy(_ node: SourceNode) throws(WorkflowLoadError) -> [String] {
        var names: [String] = []
        for name in try node.names(of: "not_by") {
            guard name.name == TransitionGuard.creation || transitions.contains(name.name) else {
                throw error(
                    at: name, node,
                    "\(context) not_by names '\(name.name)', which is neither 'created' nor a transition of the workflow")
            }
            if name.name == transition {
                throw error(at: name, node, "\(context) not_by names itself; four eyes need an earlier step")
            }
            if !names.contains(name.name) { names.append(name.name) }
        }
        return names
    }

    /// Fields that must be set; a computed field cannot be required, since nobody can set it.
    private func requiredFields(_ node: SourceNode) throws(WorkflowLoadError) -> [String] {
        var names: [String] = []
        for name in try node.names(of: "fields") {
            guard fields.declares(name.name) else {
                throw error(at: name, node, "\(context) requires unknown field '\(name.name)'")
            }
            if fields.named(name.name)?.isComputed == true {
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
        try done(node, "every child task finished")
    }

    /// `done`, the one value a `children:` or `checklist:` guard takes.
    private func done(_ node: SourceNode, _ meaning: String) throws(WorkflowLoadError) -> Bool {
        guard node.node.scalar?.string == "done" else {
            throw node.error("\(node.label) must be 'done' (\(meaning))")
        }
        return true
    }

    private func error(at name: NameAt, _ node: SourceNode, _ message: String) -> WorkflowLoadError {
        WorkflowLoadError(file: node.file, line: name.line, message: message)
    }
}

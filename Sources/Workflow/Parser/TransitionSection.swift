/// Reads `transitions:` and checks every state, field and role they name.
enum TransitionSection {
    /// The transitions of a file, as far as they could be read.
    struct Parsed {
        /// The transitions, for the sections that refer to them.
        var declared = Declared<TransitionDefinition>()
        /// Every transition's `from:` and `to:`, without guards or titles; `nil` when one of them
        /// (or a transition's keys) has a problem.
        var shape: [TransitionDefinition]? = []
    }

    /// Reads the `transitions:` mapping (`nil` when the file has none, already reported), each
    /// transition on its own.
    /// - Parameters:
    ///   - node: The `transitions:` value.
    ///   - scope: The workflow's states and fields.
    ///   - problems: Where problems are recorded.
    static func read(_ node: SourceNode?, scope: WorkflowScope, problems: inout LoadProblems) -> Parsed {
        guard
            let node,
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in
                try node.mapping(context: "transitions", allowingNull: true)
            })
        else { return Parsed(declared: Declared(unreadable: true), shape: nil) }
        var parsed = Parsed()
        let names = Set(mapping.entries.map(\.key))
        for (name, value) in mapping.namedValues(label: { "transition '\($0)'" }) {
            let reader = TransitionReader(name: name, scope: scope, transitions: names, file: node.file)
            reader.read(value, into: &parsed, problems: &problems)
        }
        return parsed
    }
}

/// Reads one transition.
private struct TransitionReader {
    static let keys = ["from", "to", "require", "roles", "when", "children", "checklist", "not_by", "stamp", "title"]

    let name: NameAt
    let scope: WorkflowScope
    /// Every transition the file names, for `not_by:`.
    let transitions: Set<String>
    let file: String

    /// Reads the transition: its shape when its name, keys, `from:` and `to:` read, all of it
    /// when the guards and title do too.
    func read(_ node: SourceNode, into parsed: inout TransitionSection.Parsed, problems: inout LoadProblems) {
        let before = problems.count
        NameRules.checkIdentifier(name, kind: "transition", file: file, problems: &problems)
        let mapping = problems.attempt { () throws(WorkflowLoadError) in
            try node.mapping(context: "transition '\(name.name)'")
        }
        mapping?.reportUnknownKeys(Self.keys, to: &problems)
        let from = mapping.flatMap { mapping in
            problems.attempt { () throws(WorkflowLoadError) in try sources(mapping.require("from")) }
        }
        let to = mapping.flatMap { mapping in
            problems.attempt { () throws(WorkflowLoadError) in
                try TransitionTargetReader(transition: name.name, states: scope.states).parse(mapping.require("to"))
            }
        }
        if let from, let to, problems.count == before {
            parsed.shape?.append(TransitionDefinition(name: name.name, from: from, to: to))
        } else {
            parsed.shape = nil
        }
        let guards = mapping.flatMap { mapping in
            TransitionGuardReader(transition: name.name, fields: scope.fields, transitions: transitions)
                .read(mapping, problems: &problems)
        }
        let title = mapping.flatMap { mapping in
            problems.attempt { () throws(WorkflowLoadError) in try mapping.value("title")?.string() }
        }
        if let guards, let from, guards.requiresChecklistDone,
            !from.contains(where: { scope.states.named($0)?.checklist.isEmpty == false }),
            let node = mapping?.value("checklist")
        {
            problems.report(
                node.error(
                    "transition '\(name.name)' waits for a done checklist, but no state it leaves (\(from.joined(separator: ", "))) has a checklist"
                ))
        }
        let stamps = mapping.flatMap { mapping in
            problems.attempt { () throws(WorkflowLoadError) in
                try mapping.value("stamp").map { node throws(WorkflowLoadError) in try self.stamps(node) } ?? []
            }
        }
        guard problems.count == before, let from, let to, let guards, let title, let stamps else {
            parsed.declared.broken.insert(name.name)
            return
        }
        var transition = TransitionDefinition(name: name.name, from: from, to: to, guards: guards, title: title)
        transition.stamps = stamps
        parsed.declared.valid.append(transition)
    }

    /// `stamp: [rated_on, resolved_by]`: date or user fields clients may set, each once.
    private func stamps(_ node: SourceNode) throws(WorkflowLoadError) -> [String] {
        var names: [String] = []
        for field in try node.names(of: "fields") {
            guard scope.fields.declares(field.name) else {
                throw error(at: field, "transition '\(name.name)' stamps unknown field '\(field.name)'")
            }
            if let declared = scope.fields.named(field.name),
                ![.date, .user].contains(declared.type) || declared.isComputed || declared.rollup != nil
            {
                throw error(
                    at: field,
                    "transition '\(name.name)' stamps '\(field.name)', which is not a date or user field it can set")
            }
            if !names.contains(field.name) { names.append(field.name) }
        }
        return names
    }

    private func sources(_ node: SourceNode) throws(WorkflowLoadError) -> [String] {
        var names: [String] = []
        for source in try node.names(of: "states") {
            guard scope.states.declares(source.name) else {
                throw error(at: source, "transition '\(name.name)' comes from unknown state '\(source.name)'")
            }
            if scope.states.named(source.name)?.isFinal == true {
                throw error(
                    at: source,
                    "transition '\(name.name)' leaves final state '\(source.name)'; final states have no way out")
            }
            if !names.contains(source.name) { names.append(source.name) }
        }
        return names
    }

    private func error(at name: NameAt, _ message: String) -> WorkflowLoadError {
        WorkflowLoadError(file: file, line: name.line, message: message)
    }
}

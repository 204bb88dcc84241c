/// Reads `states:` and checks that exactly one state is initial.
enum StateSection {
    private static let keys = ["initial", "final", "title", "on_enter", "locked_fields", "checklist"]

    /// The states of a file and the children they spawn, as far as they could be read.
    struct Parsed {
        /// The states that read without a problem, each with the line it is declared on.
        var states: [Located<StateDefinition>] = []
        /// The names of states with a problem.
        var broken: Set<String> = []
        /// Whether `states:` itself could not be read.
        var unreadable = false
        /// Every state's name and flags, without titles or spawns; `nil` when a state's flags
        /// (or its keys) have a problem, or no state or two are initial.
        var shape: [Located<StateDefinition>]? = []
        /// Every spawn of the states that read, in file order, with its lines.
        var spawns: [SpawnSite] = []
        /// Every receiver the states that read notify on entering, in file order.
        var receivers: [ReceiverUse] = []

        /// The states, for the sections that refer to them.
        var declared: Declared<StateDefinition> {
            Declared(valid: states.map(\.value), broken: broken, unreadable: unreadable)
        }
    }

    /// Reads the `states:` mapping (`nil` when the file has none, already reported), each state
    /// on its own; `locked_fields:` may name only the workflow's `fields`.
    static func read(
        _ node: SourceNode?, fields: Declared<FieldDefinition>, problems: inout LoadProblems
    ) -> Parsed {
        guard let node,
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in try node.mapping(context: "states") })
        else { return Parsed(unreadable: true, shape: nil) }
        var parsed = Parsed()
        for (name, value) in mapping.namedValues(label: { "state '\($0)'" }) {
            read(name, value, fields: fields, into: &parsed, problems: &problems)
        }
        if let shape = parsed.shape {
            if problems.attempt({ () throws(WorkflowLoadError) in try checkSingleInitial(shape, in: node) }) == nil {
                parsed.shape = nil
            }
        } else if parsed.states.filter(\.value.isInitial).count > 1 {
            // Two initial states are a problem whatever the broken states say.
            _ = problems.attempt { () throws(WorkflowLoadError) in try checkSingleInitial(parsed.states, in: node) }
        }
        return parsed
    }

    /// Reads one state: its shape when its name, keys and flags read, all of it when the rest
    /// does too.
    private static func read(
        _ name: NameAt, _ node: SourceNode, fields: Declared<FieldDefinition>, into parsed: inout Parsed,
        problems: inout LoadProblems
    ) {
        let before = problems.count
        NameRules.checkIdentifier(name, kind: "state", file: node.file, problems: &problems)
        let context = "state '\(name.name)'"
        let mapping = problems.attempt { () throws(WorkflowLoadError) in
            try node.mapping(context: context, allowingNull: true)
        }
        mapping?.reportUnknownKeys(keys, to: &problems)
        let flags = mapping.flatMap { mapping in
            problems.attempt { () throws(WorkflowLoadError) in try Self.flags(mapping, of: name.name, node) }
        }
        if let flags, problems.count == before {
            let state = StateDefinition(name: name.name, isInitial: flags.initial, isFinal: flags.final)
            parsed.shape?.append(Located(value: state, line: name.line))
        } else {
            parsed.shape = nil
        }
        let title = mapping.flatMap { mapping in
            problems.attempt { () throws(WorkflowLoadError) in try mapping.value("title")?.string() }
        }
        let onEnter = mapping.flatMap { mapping in
            problems.attempt { () throws(WorkflowLoadError) in
                try mapping.value("on_enter").map { node throws(WorkflowLoadError) in
                    try SpawnReader(state: name.name).parse(node)
                } ?? SpawnReader.OnEnter()
            }
        }
        var locked: [String]? = []
        if let node = mapping?.value("locked_fields") {
            locked = LockedFieldsReader(state: name.name, fields: fields).read(node, problems: &problems)
        }
        var checklist: [ChecklistItem]? = []
        if let node = mapping?.value("checklist") {
            checklist = ChecklistReader(state: name.name).read(node, problems: &problems)
        }
        guard problems.count == before, let flags, let title, let onEnter, let locked, let checklist else {
            parsed.broken.insert(name.name)
            return
        }
        let state = StateDefinition(
            name: name.name, isInitial: flags.initial, isFinal: flags.final, title: title,
            spawns: onEnter.spawns.map(\.child), lockedFields: locked, notify: onEnter.notify.map(\.name.name),
            checklist: checklist)
        parsed.states.append(Located(value: state, line: name.line))
        parsed.spawns += onEnter.spawns
        parsed.receivers += onEnter.notify
    }

    private static func flags(
        _ mapping: SourceMapping, of name: String, _ node: SourceNode
    ) throws(WorkflowLoadError) -> (initial: Bool, final: Bool) {
        let isInitial = try mapping.value("initial")?.bool() ?? false
        let isFinal = try mapping.value("final")?.bool() ?? false
        guard !(isInitial && isFinal) else {
            throw node.error("state '\(name)' cannot be both initial and final")
        }
        return (isInitial, isFinal)
    }

    private static func checkSingleInitial(
        _ states: [Located<StateDefinition>], in node: SourceNode
    )
        throws(WorkflowLoadError)
    {
        let initial = states.filter(\.value.isInitial)
        guard let first = initial.first else {
            throw node.error("no initial state: mark exactly one state with 'initial: true'")
        }
        guard initial.count == 1 else {
            let second = initial[1]
            throw WorkflowLoadError(
                file: node.file,
                line: second.line,
                message: "state '\(second.value.name)' is initial, but so is '\(first.value.name)'; "
                    + "exactly one state must be initial"
            )
        }
    }
}

/// Loads workflow files (`workflows/*.yaml`) into validated ``WorkflowDefinition``s.
///
/// The format, top to bottom (unknown keys anywhere are refused, so typos surface at once):
///
/// ```yaml
/// workflow: complaint-escalation   # required, [a-z0-9-]+
/// title: Customer complaint        # optional, defaults to the name
/// key: CMP                         # required, [A-Z][A-Z0-9]*; task ids CMP-1, CMP-2, …
/// team: support                    # required, the default owning team
/// calendar: support-hours          # optional, stored only for now
/// fields:                          # optional; names [a-z][a-z0-9_]*
///   customer: {type: string, required: true, title: Customer}
///   severity: {type: enum, values: [p1, p2, p3], default: p3}
///   tags:     {type: list, items: string}     # items may also be {type: enum, values: [...]}
///   score:    {type: int, min: 1, max: 5}     # min/max on int and decimal only
/// states:                          # required; exactly one initial state
///   received: {initial: true, title: Received}
///   closed:   {final: true}
/// transitions:                     # required
///   close: {from: [received], to: closed, require: [customer], title: Close}
/// slas:                            # optional
///   resolution:
///     start: created               # or {enter: [states]}
///     pause: {in: [states]}        # optional
///     stop: {enter: [states]}
///     target: {by: severity, p1: 4h, p2: 1d, p3: 3d}   # or a fixed duration; enum fields only,
///                                                      # one duration per value
///     warn: 80%                    # optional, 1%…99%
///     escalate:                    # optional, in order of `after` (0 = at the breach)
///       - {after: 0, team: support-l2, priority: raise}   # or assignee, priority: p1, fire: transition
/// ```
///
/// Field types: `string`, `text`, `int`, `decimal`, `bool`, `date` (`YYYY-MM-DD`), `user`, `enum`,
/// `list`. Durations: `45s`, `30m`, `4h`, `1d4h`, `2d`, `0`.
///
/// A file that loads is a sound machine: every state is reachable from the initial one, every
/// non-final state has an outgoing transition, no transition leaves a final state, and every
/// state, field and transition named anywhere exists. The first problem found is reported, with
/// the line of the offending node.
public enum WorkflowParser {
    private static let topLevelKeys = [
        "workflow", "title", "key", "team", "calendar", "fields", "states", "transitions", "slas",
    ]

    /// Parses and validates one workflow file.
    /// - Parameters:
    ///   - source: The file's contents.
    ///   - file: The file's path, used in error messages only.
    /// - Returns: The workflow.
    /// - Throws: The first problem found, with its line.
    public static func parse(
        _ source: String, file: String
    ) throws(WorkflowLoadError)
        -> WorkflowDefinition
    {
        let root = try YAMLDocument.compose(source, file: file).mapping(context: "")
        try root.allowOnly(topLevelKeys)
        let name = try workflowName(root.require("workflow"))
        let key = try taskKey(root.require("key"))
        let title = try root.value("title")?.string() ?? name
        let team = try root.require("team").string()
        let calendar = try root.value("calendar")?.string()
        let fields = try FieldSection.parse(root.value("fields"))
        let states = try StateSection.parse(root.require("states"))
        let stateDefinitions = states.map(\.value)
        let transitions = try TransitionSection.parse(
            root.require("transitions"),
            states: stateDefinitions,
            fields: fields
        )
        try MachineSoundness.check(states: states, transitions: transitions, file: file)
        let scope = SLASection.Scope(states: stateDefinitions, fields: fields, transitions: transitions)
        return WorkflowDefinition(
            name: name,
            title: title,
            key: key,
            team: team,
            calendar: calendar,
            fields: fields,
            states: stateDefinitions,
            transitions: transitions,
            slas: try SLASection.parse(root.value("slas"), scope: scope)
        )
    }

    private static func workflowName(_ node: SourceNode) throws(WorkflowLoadError) -> String {
        let name = try node.string()
        guard NameRules.isWorkflowName(name) else {
            throw node.error("workflow name '\(name)' must use only a-z, 0-9 and '-'")
        }
        return name
    }

    private static func taskKey(_ node: SourceNode) throws(WorkflowLoadError) -> String {
        let key = try node.string()
        guard NameRules.isTaskKey(key) else {
            throw node.error(
                "key '\(key)' must be upper-case letters and digits starting with a letter, e.g. CMP")
        }
        return key
    }
}

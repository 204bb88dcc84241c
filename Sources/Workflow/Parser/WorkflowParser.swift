/// Loads workflow files (`workflows/*.yaml`) into validated ``WorkflowDefinition``s.
///
/// The format, top to bottom (unknown keys anywhere are refused, so typos surface at once; the
/// full reference is `docs/workflows.md`):
///
/// ```yaml
/// workflow: risk-review            # required, [a-z0-9-]+
/// title: Risk review               # optional, defaults to the name
/// key: RSK                         # required, [A-Z][A-Z0-9]*; task ids RSK-1, RSK-2, …
/// team: risk                       # required, the default owning team
/// calendar: support-hours          # optional; checked against calendars.yaml by WorkflowLibrary
/// fields:                          # optional; names [a-z][a-z0-9_]*
///   likelihood: {type: int, required: true, min: 1, max: 5, title: Likelihood}
///   severity:   {type: enum, values: [p1, p2, p3], default: p3}
///   tags:       {type: list, items: string}   # items may also be {type: enum, values: [...]}
///   score:      {type: int, compute: "likelihood * impact"}   # computed: no required/default/min/max
/// states:                          # required; exactly one initial state
///   identified: {initial: true, title: Identified}
///   preparing:
///     on_enter: {spawn: [{workflow: readiness-item, title: Training, team: sales, fields: {area: sales}}]}
///   closed:     {final: true}
/// transitions:                     # required
///   assess:                        # to: one state, or a choice (last branch: no when, the default)
///     from: [identified]
///     to: [{when: "score >= 15", state: compliance_review}, {state: strategy}]
///     require: [likelihood]        # guards: require, roles, when, children
///     roles: [manager]             # admin, manager, member, service, viewer
///     when: "likelihood > 0"
///     children: done               # every child task is final
/// timers:                          # optional: fire a transition after a while in a state
///   - {in: mitigated, after: 90d, fire: rereview}
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
/// A file that loads is a sound machine: every state is reachable from the initial one (every
/// choice branch counts), every non-final state has an outgoing transition, no transition leaves a
/// final state, and every state, field, role and transition named anywhere exists. The first
/// problem found is reported, with the line of the offending node. Names of other files'
/// workflows and calendars are checked by ``WorkflowLibrary``.
public enum WorkflowParser {
    private static let topLevelKeys = [
        "workflow", "title", "key", "team", "calendar", "fields", "states", "transitions", "timers", "slas",
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
        try read(source, file: file).definition
    }

    /// Parses and validates one workflow file, keeping the lines of its references to other files.
    static func read(_ source: String, file: String) throws(WorkflowLoadError) -> ParsedWorkflow {
        let root = try YAMLDocument.compose(source, file: file).mapping(context: "")
        try root.allowOnly(topLevelKeys)
        let header = try WorkflowHeader(root)
        let fields = try FieldSection.parse(root.value("fields"))
        let states = try StateSection.parse(root.require("states"))
        let stateDefinitions = states.states.map(\.value)
        let transitions = try TransitionSection.parse(
            root.require("transitions"), states: stateDefinitions, fields: fields)
        try MachineSoundness.check(states: states.states, transitions: transitions, file: file)
        let timers = try TimerSection(states: stateDefinitions, transitions: transitions)
            .parse(root.value("timers"))
        let scope = SLASection.Scope(states: stateDefinitions, fields: fields, transitions: transitions)
        let definition = WorkflowDefinition(
            name: header.name.name,
            title: header.title,
            key: header.key.name,
            team: header.team,
            calendar: header.calendar?.name,
            fields: fields,
            states: stateDefinitions,
            transitions: transitions,
            timers: timers,
            slas: try SLASection.parse(root.value("slas"), scope: scope)
        )
        try ExpressionCheck.check(definition, file: file)
        return ParsedWorkflow(definition: definition, header: header, spawns: states.spawns)
    }
}

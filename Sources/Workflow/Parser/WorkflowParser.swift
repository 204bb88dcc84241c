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
///   escalated: {on_enter: {notify: [support-managers]}}   # receivers: subscription names
///   accepted:   {locked_fields: [likelihood, impact]}   # frozen here: no update changes them
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
///     target: {by: severity, p1: 4h, p2: 8h, p3: 24h}  # or a fixed duration; enum fields only,
///                                                      # one duration per value
///     calendar: {by: severity, p1: 24x7, default: support-hours}   # optional, or one name;
///                                                      # default: the workflow's calendar
///     warn: 80%                    # optional, 1%…99%
///     escalate:                    # optional, in order of `after` (0 = at the breach)
///       - {after: 0, team: support-l2, priority: raise}   # or assignee, priority: p1, fire: transition,
///                                                         # notify: [support-l2-oncall]
///     notify: {warning: [support-leads], breach: [support-managers]}   # optional; receivers.yaml
///                                                      # declares the names (WorkflowLibrary)
/// assign: {rule: least_loaded}     # optional: or round_robin; or a list, one rule per `team:`
/// priority: {values: [p1, p2, p3, p4], default: p3, from: severity}   # optional: most urgent first
/// schedules:                       # optional: tasks created on a calendar (ScheduleSection)
///   quarterly-drill: {cron: "0 10 1 1,4,7,10 *", title: "Contingency drill {date}", skip_holidays: true}
/// ```
///
/// Field types: `string`, `text`, `int`, `decimal`, `bool`, `date` (`YYYY-MM-DD`), `user`, `enum`,
/// `list`. Durations: `45s`, `30m`, `4h`, `1d4h`, `2d`, `0`.
///
/// A file that loads is a sound machine: every state is reachable from the initial one (every
/// choice branch counts), every non-final state has an outgoing transition, no transition leaves a
/// final state, and every state, field, role and transition named anywhere exists. Every problem
/// is reported with the line of the offending node, not just the first: each field, state,
/// transition, timer and SLA is read on its own, a reference to something that has problems of
/// its own is not reported again, and the machine as a whole (reachability, where SLA clocks run)
/// is checked once all its states and transitions read. Names of other files' workflows and
/// calendars are checked by ``WorkflowLibrary``.
public enum WorkflowParser {
    private static let topLevelKeys = [
        "workflow", "title", "key", "team", "calendar", "fields", "states", "transitions", "timers", "slas",
        "assign", "priority", "schedules",
    ]

    /// Parses and validates one workflow file.
    /// - Parameters:
    ///   - source: The file's contents.
    ///   - file: The file's path, used in error messages only.
    /// - Returns: The workflow.
    /// - Throws: Every problem found, each with its line.
    public static func parse(
        _ source: String, file: String
    ) throws(WorkflowLoadErrors)
        -> WorkflowDefinition
    {
        var problems = LoadProblems()
        guard let parsed = read(source, file: file, problems: &problems) else {
            throw WorkflowLoadErrors(problems.errors)
        }
        return parsed.definition
    }

    /// Parses and validates one workflow file, keeping the lines of its references to other files.
    /// - Returns: The workflow, or `nil` when it has problems, each added to `problems` in the
    ///   order found.
    static func read(_ source: String, file: String, problems: inout LoadProblems) -> ParsedWorkflow? {
        let before = problems.count
        guard let document = YAMLDocument.compose(source, file: file, problems: &problems),
            let root = problems.attempt({ () throws(WorkflowLoadError) in try document.mapping(context: "") })
        else { return nil }
        // A key set aside as repeated may have hidden part of the machine.
        let keysRepeated = problems.count > before
        root.reportUnknownKeys(topLevelKeys, to: &problems)
        let header = WorkflowHeader(root, problems: &problems)

        var scope = WorkflowScope()
        scope.fields = FieldSection.read(root.value("fields"), problems: &problems)
        for field in scope.fields.valid {
            guard let lookup = field.lookup, !scope.fields.declares(lookup.key) else { continue }
            problems.report(
                WorkflowLoadError(
                    file: file, line: lookup.line,
                    message: "field '\(field.name)' looks up by '\(lookup.key)', which is not a field of this workflow")
            )
        }
        scope.priority = PrioritySection.read(root.value("priority"), fields: scope.fields, problems: &problems)
        let states = StateSection.read(
            section("states", of: root, problems: &problems), fields: scope.fields, problems: &problems)
        scope.states = states.declared
        let transitions = TransitionSection.read(
            section("transitions", of: root, problems: &problems), scope: scope, problems: &problems)
        scope.transitions = transitions.declared
        if !keysRepeated, let stateShape = states.shape, let transitionShape = transitions.shape {
            let machine = MachineShape(states: stateShape, transitions: transitionShape)
            MachineSoundness.check(machine, file: file, problems: &problems)
            scope.machine = machine
        }
        let timers = TimerSection(scope: scope).read(root.value("timers"), problems: &problems)
        let slas = SLASection.read(root.value("slas"), scope: scope, problems: &problems)
        let assignment = AssignmentSection.read(root.value("assign"), problems: &problems)
        let schedules = ScheduleSection(fields: scope.fields, workflowCalendar: header?.calendar?.name)
            .read(root.value("schedules"), problems: &problems)
        ExpressionCheck.check(scope, file: file, problems: &problems)

        guard problems.count == before, let header else { return nil }
        let definition = WorkflowDefinition(
            name: header.name.name,
            title: header.title,
            key: header.key.name,
            team: header.team,
            calendar: header.calendar?.name,
            fields: scope.fields.valid,
            states: scope.states.valid,
            transitions: scope.transitions.valid,
            timers: timers,
            slas: slas.policies,
            assignment: assignment,
            priority: scope.priority,
            schedules: schedules.map(\.schedule)
        )
        for site in schedules { site.checkFields(of: definition, file: file, problems: &problems) }
        guard problems.count == before else { return nil }
        return ParsedWorkflow(
            definition: definition, header: header, spawns: states.spawns, slaReferences: slas.references,
            stateReceivers: states.receivers, scheduleCalendars: schedules.compactMap(\.calendar))
    }

    /// A required top-level section, or `nil` when it is missing (reported).
    private static func section(_ key: String, of root: SourceMapping, problems: inout LoadProblems) -> SourceNode? {
        problems.attempt { () throws(WorkflowLoadError) in try root.require(key) }
    }
}

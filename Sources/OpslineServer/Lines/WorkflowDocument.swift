import OpslineStore
import Workflow

/// A published workflow's definition as one line (`GET /v1/workflows/{name}`): the
/// ``WorkflowLine`` members, then `fields`, `states`, `transitions`, `timers`, `schedules`, `slas`, `assign`
/// and `priority`.
///
/// The shape follows the YAML file, with two changes: the named sections (fields, states,
/// transitions, SLAs) are arrays of objects with a `name`, so their file order survives; and
/// every duration comes twice, as written (`"after":"90d"`) and in seconds (`"after_s":7776000`),
/// as API lines carry durations. Optional members that a file leaves out are left out.
struct WorkflowDocument: Sendable {
    let workflow: PublishedWorkflow

    /// The line as a JSON value.
    var json: JSONValue {
        let definition = workflow.definition
        var members = WorkflowLine(workflow: workflow).members
        members["fields"] = .array(definition.fields.map(Self.field))
        members["states"] = .array(definition.states.map(Self.state))
        members["transitions"] = .array(definition.transitions.map(Self.transition))
        members["timers"] = .array(definition.timers.map(Self.timer))
        members["schedules"] = .array(definition.schedules.map { .object(Self.schedule($0)) })
        members["slas"] = .array(definition.slas.map(Self.sla))
        members["assign"] = .array(definition.assignment.map(Self.assignment))
        members["priority"] = definition.priority.map(Self.priority)
        return .object(members)
    }

    /// `{"values","default"?}`.
    static func priority(_ scale: PriorityScale) -> JSONValue {
        var members: [String: JSONValue] = ["values": .array(scale.values.map(JSONValue.string))]
        members["default"] = scale.defaultValue.map(JSONValue.string)
        return .object(members)
    }

    /// `{"rule","team"?}`.
    static func assignment(_ rule: AssignmentRule) -> JSONValue {
        var members: [String: JSONValue] = ["rule": .string(rule.kind.rawValue)]
        members["team"] = rule.team.map(JSONValue.string)
        return .object(members)
    }

    /// `{"name","initial","final","title"?,"spawns":[{"workflow","title","team"?,"fields"}],"locked_fields",
    /// "notify"?}`: `notify`, the receivers entering the state tells, when it names any.
    static func state(_ state: StateDefinition) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(state.name),
            "initial": .bool(state.isInitial),
            "final": .bool(state.isFinal),
            "spawns": .array(state.spawns.map(spawn)),
            "locked_fields": names(state.lockedFields),
        ]
        members["title"] = state.title.map(JSONValue.string)
        if !state.notify.isEmpty { members["notify"] = names(state.notify) }
        return .object(members)
    }

    private static func spawn(_ child: SpawnedChild) -> JSONValue {
        var members: [String: JSONValue] = [
            "workflow": .string(child.workflow),
            "title": .string(child.title),
            "fields": .object(child.fields),
        ]
        members["team"] = child.team.map(JSONValue.string)
        return .object(members)
    }

    /// `{"in","after","after_s","fire"}`.
    static func timer(_ timer: StateTimer) -> JSONValue {
        .object([
            "in": .string(timer.state),
            "after": .string(timer.after.description),
            "after_s": .int(timer.after.seconds),
            "fire": .string(timer.fire),
        ])
    }

    /// `{"name","every"|"cron","calendar","skip_holidays","title","team"?,"fields"}`.
    static func schedule(_ schedule: WorkflowSchedule) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "name": .string(schedule.name),
            "calendar": .string(schedule.calendar),
            "skip_holidays": .bool(schedule.skipsDaysOff),
            "title": .string(schedule.title),
            "fields": .object(schedule.fields),
        ]
        switch schedule.recurrence {
        case .every(let phrase): members["every"] = .string(phrase)
        case .cron(let fields): members["cron"] = .string(fields)
        }
        members["team"] = schedule.team.map(JSONValue.string)
        return members
    }

    /// A list of names as a JSON array.
    static func names(_ names: [String]) -> JSONValue {
        .array(names.map(JSONValue.string))
    }
}

import Foundation
import Workflow

/// A schedule's planned occurrence as a `due_work` row of kind `schedule` holds it: the workflow
/// and schedule it belongs to, and the timing it was planned with (``WorkflowSchedule/timing``).
struct ScheduleOccurrence: Hashable {
    let workflow: String
    let schedule: String
    /// The timing the occurrence was planned with: a version of the workflow that times the
    /// schedule otherwise plans its own, and this one is dropped when it falls due.
    let timing: String

    /// The occurrence of a workflow's schedule as the workflow now times it.
    init(workflow: String, schedule: WorkflowSchedule) {
        self.workflow = workflow
        self.schedule = schedule.name
        self.timing = schedule.timing
    }

    /// Reads an occurrence back from its row's payload; nil when the payload is not one.
    init?(payload: [String: JSONValue]) {
        guard case .string(let workflow)? = payload["workflow"], case .string(let schedule)? = payload["schedule"],
            case .string(let timing)? = payload["timing"]
        else { return nil }
        (self.workflow, self.schedule, self.timing) = (workflow, schedule, timing)
    }

    /// The row's payload: `{"workflow": …, "schedule": …, "timing": …}`.
    var payload: JSONValue {
        ["workflow": .string(workflow), "schedule": .string(schedule), "timing": .string(timing)]
    }

    /// The row's `occurrence_key`, one per occurrence: planned twice (two replicas publishing at
    /// once, or firing the one before), it is stored once.
    func key(at instant: Date) -> String {
        "\(workflow)/\(schedule)/\(timing)/\(RFC3339.format(instant))"
    }

    /// The row to plan for the occurrence at `instant`, as ``ScheduleSQL/planMissing`` reads it.
    func row(at instant: Date) -> JSONValue {
        ["key": .string(key(at: instant)), "due_at": .string(RFC3339.format(instant)), "payload": payload]
    }
}

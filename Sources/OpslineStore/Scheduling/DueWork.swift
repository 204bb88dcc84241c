import Workflow

/// What a `due_work` row asks for, read once from its `kind` and `payload` when it is claimed.
enum DueWork {
    /// A workflow timer fires its transition (kind `timer`).
    case timer(TimerFiring)
    /// Cycle `cycle` of an SLA clock of `policy` takes its next step (kind `sla`). A payload
    /// written before clocks had cycles names none: it is cycle 1's.
    case slaStep(policy: String, cycle: Int, step: SLAStep)
    /// The occurrence of a workflow's schedule creates its task (kind `schedule`).
    case schedule(ScheduleOccurrence)
    /// A kind this build does not know (a newer replica wrote it), or a payload it cannot read:
    /// skipped.
    case unknown(kind: String)

    /// Reads a row's kind and payload.
    init(kind: String, payload: [String: JSONValue]) {
        switch kind {
        case "timer":
            guard let timer = TimerFiring(payload: payload) else { self = .unknown(kind: kind); return }
            self = .timer(timer)
        case "sla":
            guard case .string(let policy)? = payload["policy"], let step = SLAStep(payload: payload) else {
                self = .unknown(kind: kind)
                return
            }
            self = .slaStep(policy: policy, cycle: payload["cycle"]?.intValue ?? 1, step: step)
        case "schedule":
            guard let occurrence = ScheduleOccurrence(payload: payload) else { self = .unknown(kind: kind); return }
            self = .schedule(occurrence)
        default:
            self = .unknown(kind: kind)
        }
    }

    /// True for an SLA clock's step.
    var isClockStep: Bool {
        if case .slaStep = self { return true }
        return false
    }
}

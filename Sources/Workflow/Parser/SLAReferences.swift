/// What one SLA policy refers to beyond its file, with the lines that ``WorkflowLibrary`` points
/// at: the calendars it names, and its durations written in days.
///
/// A day of working time is 24 working hours whatever the calendar, so under office hours `3d`
/// is more than a week; the library refuses days where the clock may count in a calendar that
/// is not round the clock (``DayDurationCheck``).
struct SLAReferences {
    /// The policy's name.
    let policy: String
    /// The calendars its `calendar:` names, in file order.
    let calendars: [NameAt]
    /// Whether some tasks count in the workflow's calendar: the policy names none, or names one
    /// per value of a field without a `default` for every value.
    let usesWorkflowCalendar: Bool
    /// The receivers its `notify:` and its escalation levels' name, in file order.
    let receivers: [ReceiverUse]
    /// Its `target` and escalation `after` durations written with a `d`, each as written.
    let dayDurations: [DayDuration]

    /// A duration written in days.
    struct DayDuration {
        /// The duration as written, e.g. `3d`, and its line.
        let text: NameAt
        /// The field value it is the target for, in a target keyed by a field; `nil` for a fixed
        /// target or an escalation's `after`, which apply whatever the field says.
        let value: String?
    }

    /// The references of a policy that read without a problem from `mapping`.
    init(policy: SLAPolicy, calendars: [NameAt], receivers: [ReceiverUse] = [], mapping: SourceMapping) {
        self.policy = policy.name
        self.calendars = calendars
        self.receivers = receivers
        usesWorkflowCalendar =
            switch policy.calendar {
            case nil: true
            case .named: false
            case .keyed(_, _, let fallback): fallback == nil
            }
        dayDurations = Self.durationNodes(in: mapping).compactMap { node, value in
            guard let text = node.node.scalar?.string, text.contains("d") else { return nil }
            return DayDuration(text: NameAt(name: text, line: node.line), value: value)
        }
    }

    /// The nodes of the policy's working-time durations: its target (each value of a keyed one,
    /// with that value) and each escalation level's `after`.
    private static func durationNodes(in mapping: SourceMapping) -> [(SourceNode, String?)] {
        var nodes: [(SourceNode, String?)] = []
        if let target = mapping.value("target") {
            nodes += targetNodes(target)
        }
        let levels = (try? mapping.value("escalate")?.sequence(of: "escalation levels")) ?? []
        nodes += levels.compactMap { level in
            (try? level.mapping(context: "escalation level").value("after")).flatMap { $0 }.map { ($0, nil) }
        }
        return nodes
    }

    /// A target's duration nodes: its own, each value's of a keyed one (with that value), each
    /// goal's.
    private static func targetNodes(_ target: SourceNode) -> [(SourceNode, String?)] {
        if case .sequence = target.node {
            let goals = (try? target.sequence(of: "target goals")) ?? []
            return goals.flatMap { goal in
                (try? goal.mapping(context: "target goal").value("target")).flatMap { $0 }.map(targetNodes) ?? []
            }
        }
        guard case .mapping = target.node, let keyed = try? target.mapping(context: "target") else {
            return [(target, nil)]
        }
        // A deadline names a field, not a duration.
        return keyed.entries.filter { $0.key != "by" && $0.key != "deadline" }.compactMap { entry in
            keyed.value(entry.key).map { ($0, entry.key) }
        }
    }
}

/// Reads `timers:`: transitions fired automatically after a while in a state.
struct TimerSection {
    /// The workflow's states and transitions.
    let scope: WorkflowScope

    /// Reads the `timers:` list, each timer on its own; a workflow without one has no timers.
    /// - Returns: The timers that read without a problem.
    func read(_ node: SourceNode?, problems: inout LoadProblems) -> [StateTimer] {
        guard let node, !node.isNull,
            let items = problems.attempt({ () throws(WorkflowLoadError) in try node.sequence(of: "timers") })
        else { return [] }
        var timers: [StateTimer] = []
        for (index, item) in items.enumerated() {
            guard
                let timer = problems.attempt({ () throws(WorkflowLoadError) in try parseTimer(item, number: index + 1) }
                )
            else { continue }
            if timers.contains(where: { $0.state == timer.state && $0.fire == timer.fire }) {
                problems.report(
                    item.error(
                        "timer \(index + 1) repeats an earlier timer that fires '\(timer.fire)' in '\(timer.state)'"))
            }
            timers.append(timer)
        }
        return timers
    }

    private func parseTimer(_ node: SourceNode, number: Int) throws(WorkflowLoadError) -> StateTimer {
        let mapping = try node.mapping(context: "timer \(number)")
        try mapping.allowOnly(["in", "after", "fire"])
        let state = try self.state(mapping.require("in"), number: number)
        let afterNode = try mapping.require("after")
        let after = try afterNode.duration()
        guard after.seconds > 0 else {
            throw afterNode.error("timer \(number) in '\(state)': 'after' must be longer than 0")
        }
        let fire = try transition(mapping.require("fire"), from: state, number: number)
        return StateTimer(state: state, after: after, fire: fire)
    }

    private func state(_ node: SourceNode, number: Int) throws(WorkflowLoadError) -> String {
        let name = try node.string()
        guard scope.states.declares(name) else {
            throw node.error("timer \(number) runs in unknown state '\(name)'")
        }
        if scope.states.named(name)?.isFinal == true {
            throw node.error("timer \(number) runs in final state '\(name)'; nothing can fire from a final state")
        }
        return name
    }

    private func transition(_ node: SourceNode, from state: String, number: Int) throws(WorkflowLoadError) -> String {
        let name = try node.string()
        guard scope.transitions.declares(name) else {
            throw node.error("timer \(number) in '\(state)' fires unknown transition '\(name)'")
        }
        if let transition = scope.transitions.named(name), !transition.from.contains(state) {
            throw node.error(
                "timer \(number) in '\(state)' fires '\(name)', which cannot fire from '\(state)' "
                    + "(only from \(transition.from.joined(separator: ", ")))")
        }
        return name
    }
}

/// Checks an SLA's `restart: {enter: [...]}`: each state must be one the task can enter after
/// the clock stopped, and must not itself stop the clock.
struct SLARestartCheck {
    /// How messages name the policy, e.g. `sla 'resolution'`.
    let context: String
    /// The machine's graph, when it could be read; without it only the overlap with `stop` is checked.
    let machine: MachineShape?

    /// The restart states' names, once checked.
    /// - Parameters:
    ///   - states: The states listed, each with its line.
    ///   - stop: The policy's stop states, when they could be read.
    ///   - node: The `restart:` node, for a problem with the list as a whole.
    func check(_ states: [NameAt], stop: [String]?, at node: SourceNode) throws(WorkflowLoadError) -> [String] {
        guard let stop else { return states.map(\.name) }
        let enterable = machine.map { SLAClockReach.enterable(after: stop, in: $0) }
        for state in states {
            if stop.contains(state.name) {
                throw problem(
                    at: state, node,
                    "\(context) restarts on entering '\(state.name)', which also stops it; "
                        + "a new cycle would stop as it starts")
            }
            if let enterable, !enterable.contains(state.name) {
                throw problem(
                    at: state, node,
                    "\(context) restarts on entering '\(state.name)', which the task cannot enter "
                        + "once the clock stopped (it stops on entering \(stop.joined(separator: ", "))); "
                        + "list states a transition leads to after a stop, such as a reopened task's")
            }
        }
        return states.map(\.name)
    }

    private func problem(at state: NameAt, _ node: SourceNode, _ message: String) -> WorkflowLoadError {
        WorkflowLoadError(file: node.file, line: state.line, message: message)
    }
}

/// Reads a transition's `to:`: one state, or a list of choice branches.
struct TransitionTargetReader {
    /// The transition's name.
    let transition: String
    /// The workflow's states.
    let states: Declared<StateDefinition>

    private var context: String { "transition '\(transition)'" }

    /// Parses `to: state` or `to: [{when: "expr", state: a}, {state: b}]`.
    func parse(_ node: SourceNode) throws(WorkflowLoadError) -> TransitionTarget {
        guard case .sequence = node.node else { return .state(try state(node)) }
        let items = try node.sequence(of: "choice branches")
        guard items.count >= 2 else {
            throw node.error(
                "\(context) has a choice with \(items.count) branch(es); a choice needs at least two "
                    + "(write 'to: state' for one)")
        }
        var branches: [ChoiceBranch] = []
        for (index, item) in items.enumerated() {
            let isLast = index == items.count - 1
            branches.append(try branch(item, number: index + 1, isLast: isLast))
        }
        return .choice(branches)
    }

    private func branch(_ node: SourceNode, number: Int, isLast: Bool) throws(WorkflowLoadError) -> ChoiceBranch {
        let mapping = try node.mapping(context: "\(context) choice branch \(number)")
        try mapping.allowOnly(["when", "state"])
        let target = try state(mapping.require("state"))
        let whenNode = mapping.value("when")
        if isLast, let whenNode {
            throw whenNode.error(
                "\(context): the last choice branch is the default and must not have 'when'")
        }
        guard let whenNode else {
            guard isLast else {
                throw node.error(
                    "\(context): choice branch \(number) has no 'when' but is not the last; "
                        + "only the last branch, the default, goes without one")
            }
            return ChoiceBranch(state: target)
        }
        return ChoiceBranch(when: try whenNode.expression(), state: target)
    }

    private func state(_ node: SourceNode) throws(WorkflowLoadError) -> String {
        let target = try node.string()
        guard states.declares(target) else {
            throw node.error("\(context) goes to unknown state '\(target)'")
        }
        return target
    }
}

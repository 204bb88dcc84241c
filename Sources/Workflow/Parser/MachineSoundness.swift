/// Checks that states and transitions form a sound machine: every state can be reached from the
/// initial one (every branch of a choice counts as a way in), and every non-final state has a way
/// out.
enum MachineSoundness {
    /// Throws at the first state that breaks a rule, in file order.
    static func check(
        states: [Located<StateDefinition>],
        transitions: [TransitionDefinition],
        file: String
    ) throws(WorkflowLoadError) {
        let initial = states.first(where: \.value.isInitial)?.value.name ?? ""
        let reachable = reachableStates(from: initial, transitions: transitions)
        if let lost = states.first(where: { !reachable.contains($0.value.name) }) {
            throw WorkflowLoadError(
                file: file,
                line: lost.line,
                message: "state '\(lost.value.name)' cannot be reached from the initial state '\(initial)'"
            )
        }
        let exits = Set(transitions.flatMap(\.from))
        if let deadEnd = states.first(where: { !$0.value.isFinal && !exits.contains($0.value.name) }) {
            throw WorkflowLoadError(
                file: file,
                line: deadEnd.line,
                message: "state '\(deadEnd.value.name)' is not final and has no outgoing transition"
            )
        }
    }

    private static func reachableStates(
        from initial: String, transitions: [TransitionDefinition]
    )
        -> Set<String>
    {
        var reached: Set<String> = [initial]
        var pending = [initial]
        while let state = pending.popLast() {
            for transition in transitions where transition.from.contains(state) {
                for target in transition.to.states where reached.insert(target).inserted {
                    pending.append(target)
                }
            }
        }
        return reached
    }
}

/// Checks that states and transitions form a sound machine: every state can be reached from the
/// initial one (every branch of a choice counts as a way in), and every non-final state has a way
/// out.
enum MachineSoundness {
    /// Reports every state that breaks a rule, in file order: those that cannot be reached, then
    /// those without a way out.
    static func check(_ machine: MachineShape, file: String, problems: inout LoadProblems) {
        let initial = machine.initialState
        let reachable = reachableStates(from: initial, transitions: machine.transitions)
        for lost in machine.states where !reachable.contains(lost.value.name) {
            problems.report(
                WorkflowLoadError(
                    file: file, line: lost.line,
                    message: "state '\(lost.value.name)' cannot be reached from the initial state '\(initial)'"))
        }
        let exits = Set(machine.transitions.flatMap(\.from))
        for deadEnd in machine.states where !deadEnd.value.isFinal && !exits.contains(deadEnd.value.name) {
            problems.report(
                WorkflowLoadError(
                    file: file, line: deadEnd.line,
                    message: "state '\(deadEnd.value.name)' is not final and has no outgoing transition"))
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

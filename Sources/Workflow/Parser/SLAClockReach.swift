/// Works out where an SLA clock can be running: the states reached from where it starts (or
/// restarts) without entering a state that stops it. Paused states count: the clock exists
/// there, it just does not advance.
enum SLAClockReach {
    /// The states the clock can be running in, in file order.
    static func states(
        start: SLAPolicy.Start, stop: [String], restart: [String] = [], in machine: MachineShape
    )
        -> [String]
    {
        let starts: [String] =
            switch start {
            case .created: [machine.initialState] + restart
            case .entering(let states): states + restart
            }
        var reached = Set(starts.filter { !stop.contains($0) })
        var pending = Array(reached)
        while let state = pending.popLast() {
            for transition in machine.transitions where transition.from.contains(state) {
                for target in transition.to.states where !stop.contains(target) && reached.insert(target).inserted {
                    pending.append(target)
                }
            }
        }
        return machine.states.map(\.value.name).filter(reached.contains)
    }
}

extension SLAClockReach {
    /// The states a task can enter after entering one of `stop`: those one or more transitions
    /// lead to from a stop state. Only they can start a new cycle of a clock that stopped.
    static func enterable(after stop: [String], in machine: MachineShape) -> Set<String> {
        var reached: Set<String> = []
        var pending = stop
        var visited = Set(stop)
        while let state = pending.popLast() {
            for transition in machine.transitions where transition.from.contains(state) {
                for target in transition.to.states {
                    reached.insert(target)
                    if visited.insert(target).inserted { pending.append(target) }
                }
            }
        }
        return reached
    }
}

/// Works out where an SLA clock can be running: the states reached from where it starts without
/// entering a state that stops it. Paused states count: the clock exists there, it just does not
/// advance.
enum SLAClockReach {
    /// The states the clock can be running in, in file order.
    static func states(
        start: SLAPolicy.Start, stop: [String], in machine: MachineShape
    )
        -> [String]
    {
        let starts: [String] =
            switch start {
            case .created: [machine.initialState]
            case .entering(let states): states
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

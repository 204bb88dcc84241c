/// The state machine of a workflow file as a graph: each state's name and whether it is initial
/// or final, and where each transition leads from where.
///
/// It is known once every state's flags and every transition's `from:` and `to:` read, even when
/// titles, guards or spawns have problems, so that reachability is still checked then.
struct MachineShape {
    /// The states in file order, with their lines; titles and spawns left out.
    let states: [Located<StateDefinition>]
    /// The transitions in file order; guards and titles left out.
    let transitions: [TransitionDefinition]

    /// The initial state's name (empty when there is none).
    var initialState: String {
        states.first(where: \.value.isInitial)?.value.name ?? ""
    }
}

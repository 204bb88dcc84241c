extension WorkflowDefinition {
    /// Every team the workflow names: its own `team:`, the teams its SLA escalation levels hand
    /// tasks to, the teams of the child tasks its states spawn and of the tasks its schedules create; each once, in that order.
    ///
    /// Publishing a workflow registers these teams, so that the tasks it creates, escalates and
    /// spawns land in teams that exist.
    public var namedTeams: [String] {
        var teams = [team]
        let escalated = slas.flatMap { $0.escalations.compactMap(\.team) }
        let spawned = states.flatMap { $0.spawns.compactMap(\.team) }
        let scheduled = schedules.compactMap(\.team)
        for name in escalated + spawned + scheduled where !teams.contains(name) { teams.append(name) }
        return teams
    }
}

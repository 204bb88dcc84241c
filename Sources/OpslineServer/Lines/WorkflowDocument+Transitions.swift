import Workflow

extension WorkflowDocument {
    /// `{"name","from":[…],"to","require":[…],"roles":[…],"when"?,"children"?,"not_by"?,"stamp"?,"title"?}`: `to` is
    /// a state's name, or for a choice the branches in order, `[{"when":…,"state":…},…,{"state":…}]`;
    /// `children` is `"done"` when every child must be finished.
    static func transition(_ transition: TransitionDefinition) -> JSONValue {
        let guards = transition.guards
        var members: [String: JSONValue] = [
            "name": .string(transition.name),
            "from": names(transition.from),
            "to": target(transition.to),
            "require": names(guards.require),
            "roles": names(guards.roles.map(\.rawValue)),
        ]
        members["when"] = guards.when.map { .string($0.text) }
        members["children"] = guards.requiresChildrenDone ? "done" : nil
        if !guards.notBy.isEmpty { members["not_by"] = names(guards.notBy) }
        if !transition.stamps.isEmpty { members["stamp"] = names(transition.stamps) }
        members["title"] = transition.title.map(JSONValue.string)
        return .object(members)
    }

    private static func target(_ target: TransitionTarget) -> JSONValue {
        switch target {
        case .state(let state):
            return .string(state)
        case .choice(let branches):
            return .array(
                branches.map { branch in
                    var members: [String: JSONValue] = ["state": .string(branch.state)]
                    members["when"] = branch.when.map { .string($0.text) }
                    return .object(members)
                })
        }
    }
}

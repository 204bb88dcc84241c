import OpslineStore

/// The caller's permissions as a store `CommandAuthorizer`: checked inside each command's
/// transaction, against the task as locked there (so a task created earlier in the same batch
/// is known, and a team change cannot slip in between check and write).
struct CommandPermissions {
    let caller: Principal
    let catalog: WorkflowCatalog

    var authorizer: CommandAuthorizer {
        CommandAuthorizer { [caller, catalog] command, current in
            switch command {
            case .create(let newTask):
                // For a child, `current` is its parent: a parent the caller may not see is no
                // task to it (400, as for one that does not exist), and adding to what a parent
                // it sees waits for is an update.
                if let parent = current, !AccessPolicy.sees(caller, task: parent) {
                    throw StoreError.unknownReference(field: "parent", value: parent.id)
                }
                let team = newTask.team ?? catalog.latest(newTask.workflow)?.definition.team
                try AccessPolicy.check(caller, .create, team: team)
                if let parent = current { try AccessPolicy.check(caller, .update, on: parent) }
            case .transition:
                try AccessPolicy.check(caller, .transition, on: try Self.locked(current))
            case .update(let update):
                try AccessPolicy.checkUpdate(caller, update, on: try Self.locked(current))
            case .comment:
                try AccessPolicy.check(caller, .comment, on: try Self.locked(current))
            case .attach:
                try AccessPolicy.check(caller, .attach, on: try Self.locked(current))
            case .check, .link:
                try AccessPolicy.check(caller, .update, on: try Self.locked(current))
            }
        }
    }

    /// The task a command on a task acts on: the store always passes it.
    private static func locked(_ task: TaskRecord?) throws -> TaskRecord {
        guard let task else { throw APIError.forbidden("no task to act on") }
        return task
    }
}

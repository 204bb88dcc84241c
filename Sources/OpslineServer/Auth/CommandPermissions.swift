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
                let team = newTask.team ?? catalog.latest(newTask.workflow)?.definition.team
                try AccessPolicy.check(caller, .create, team: team)
                // For a child, `current` is its parent: adding to what it waits for is an update.
                if let parent = current { try AccessPolicy.check(caller, .update, team: parent.team) }
            case .transition:
                try AccessPolicy.check(caller, .transition, team: current?.team)
            case .update(let update):
                try AccessPolicy.checkUpdate(caller, update, currentTeam: current?.team)
            case .comment:
                try AccessPolicy.check(caller, .comment, team: current?.team)
            }
        }
    }
}

import OpslineStore
import Workflow

/// What the API's task routes and the dashboard's task page share, so both read and change a
/// task by the same rules: the task a caller may read, its children that caller sees, its
/// history, and one command run as the caller.
struct TaskAccess {
    let tasks: TaskStore

    /// Task `id`, if `caller` may read it: 404 `not_found` for one of another team, exactly as for
    /// one that does not exist (``AccessPolicy/check(_:_:on:)``).
    func readable(_ id: String, by caller: Principal) async throws -> TaskRecord {
        let task = try await tasks.task(id)
        try AccessPolicy.check(caller, .read, on: task)
        return task
    }

    /// The ids of `task`'s children that `caller` sees, oldest first: another team's child is no
    /// task to it.
    func visibleChildren(of task: TaskRecord, by caller: Principal) async throws -> [String] {
        try await tasks.children(of: task.id, scope: AccessPolicy.teamScope(caller))
    }

    /// The history of task `id`, oldest first, if `caller` may read the task.
    func history(of id: String, by caller: Principal) async throws -> PagedSequence<EventRecord> {
        _ = try await readable(id, by: caller)
        return try await tasks.events(ofTask: id)
    }

    /// Runs one command as `caller`, in a transaction of its own, honouring its idempotency key;
    /// the caller's permissions are checked inside that transaction (``CommandPermissions``).
    /// - Returns: The answer the API gives: the task line, or the refusal's error object.
    func apply(_ entry: BatchCommand, as caller: Principal) async throws -> CommandAnswer {
        CommandAnswer(
            try await tasks.applyOne(
                entry, caller: CommandCaller(caller),
                authorize: CommandPermissions(caller: caller, catalog: tasks.catalog).authorizer,
                render: EventBatchRoute.renderer(catalog: tasks.catalog, clock: tasks.clock)))
    }
}

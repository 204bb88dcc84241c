import HTTPTypes
import Hummingbird
import OpslineStore
import Workflow

/// `POST /v1/tasks/next` (`{"team"?,"workflow"?}`, or no body): the caller takes the most urgent
/// open task of its teams that nobody is assigned to — `200` with the task line, assigned to the
/// caller — or learns that there is none: `204`, no body.
///
/// A command like `PATCH` (`TaskStore.takeNext`): one transaction that locks its task with
/// `SKIP LOCKED`, so callers at the same time get different tasks; answered only after `COMMIT`;
/// an `Idempotency-Key` header makes a retry replay the task taken the first time. Taking a task
/// needs the right to assign it to oneself: a viewer, or a service token, may not (`403`, even when
/// the queue is empty); only the teams where the caller is a manager or member are searched.
struct NextTaskRoute {
    let tasks: TaskStore

    @Sendable func take(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let caller = context.caller
        let scope = try AccessPolicy.takeableScope(caller)
        let line = try await request.singleLine()
        let reader = LineObject(line: line.number, object: try line.object(), keys: ["team", "workflow"])
        try reader.rejectUnknownKeys()
        var next = NextTaskRequest(assignee: caller.name, scope: scope)
        next.team = try Self.identifier(reader, "team")
        next.workflow = try Self.identifier(reader, "workflow")
        guard
            let outcome = try await tasks.takeNext(
                next, idempotencyKey: request.headers[.idempotencyKey],
                requestHash: "\(request.method) \(request.uri.path) \(line.digest)", caller: CommandCaller(caller),
                authorize: CommandPermissions(caller: caller, catalog: tasks.catalog).authorizer,
                render: EventBatchRoute.renderer(catalog: tasks.catalog, clock: tasks.clock))
        else { return Response(status: .noContent) }
        return TaskRoutes.response(CommandAnswer(outcome))
    }

    /// An optional name that may go to SQL (``InputLimits``).
    private static func identifier(_ reader: LineObject, _ key: String) throws -> String? {
        guard let value = try reader.optionalString(key) else { return nil }
        if let problem = InputLimits.problem(identifier: value) {
            throw APIError.badLine(reader.line, "field '\(key)' \(problem)").with(field: key)
        }
        return value
    }
}

import HTTPTypes
import Hummingbird
import OpslineStore
import Workflow

/// `/v1/tasks`: create, list, read, move, change, comment, history.
struct TaskRoutes {
    let tasks: TaskStore

    func register(on group: RouterGroup<AuthenticatedRequestContext>) {
        group.post(query: [], use: create)
        group.get(query: TaskFilter.queryParameters, use: list)
        group.post("next", query: [], use: NextTaskRoute(tasks: tasks).take)
        group.get(":id", query: [], use: show)
        group.patch(":id", query: [], use: update)
        group.post(":id/transitions", query: [], use: transition)
        group.post(":id/comments", query: [], use: comment)
        group.post(":id/checklist", query: [], use: check)
        group.get(":id/events", query: [], use: events)
    }

    /// Each line creates one task in its own transaction; a bad line does not stop the others.
    /// 201 when every line succeeded; a single failed line answers with its own status; a mix
    /// answers 207 with an error line (carrying `line`) in place of each failed task.
    @Sendable func create(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let caller = context.caller
        let lines = try await request.ndjsonLines()
        guard !lines.isEmpty else { throw APIError.badRequest("the body holds no lines") }
        var answers: [CommandAnswer] = []
        for line in lines {
            do {
                let body = try line.decode(CreateTaskLine.self, extraKeys: ["idempotency_key"])
                let key = try line.object()["idempotency_key"].map { value -> String in
                    guard case .string(let key) = value else {
                        throw APIError.badLine(line.number, "field 'idempotency_key' must be a string")
                    }
                    return key
                }
                let command = TaskCommand.create(body.command)
                let answer = try await apply(
                    BatchCommand(command: command, idempotencyKey: key, requestHash: line.digest), caller)
                answers.append(answer.naming(line: line.number))
            } catch {
                answers.append(CommandAnswer(APIError.reporting(error, to: context.logger)).naming(line: line.number))
            }
        }
        if answers.count == 1 { return Self.response(answers[0]) }
        let status: HTTPResponse.Status =
            answers.allSatisfy(\.succeeded) ? .created : HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status")
        let buffers = answers.map { NDJSON.buffer($0.succeeded ? $0.body : .object(["error": $0.body])) }
        var headers: HTTPFields = [.contentType: NDJSON.contentType]
        // Some lines met an outage: say when retrying them makes sense.
        if answers.contains(where: { $0.status == .serviceUnavailable }) {
            headers[.retryAfter] = APIError.retryAfterUnavailable
        }
        return Response(status: status, headers: headers, body: .init(contentsOf: buffers))
    }

    /// The tasks the query asks for, streamed; with `count=true`, `X-Total-Count` says how many
    /// match whatever `limit` and `after` say.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let caller = context.caller
        try AccessPolicy.checkRole(caller, .read)
        let now = tasks.clock.now
        let filter = try TaskFilter(request: request, caller: caller, catalog: tasks.catalog, now: now)
        let total = try QueryValues(request).bool("count") == true ? try await tasks.count(filter) : nil
        let stream = try await tasks.list(filter)
        var response = try await StreamedLines.response(stream, logger: context.logger) {
            [catalog = tasks.catalog] in
            TaskLine(task: $0, catalog: catalog, now: now)
        }
        if let total { response.headers[.totalCount] = String(total) }
        return response
    }

    @Sendable func show(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let access = TaskAccess(tasks: tasks)
        let task = try await access.readable(try context.parameters.require("id"), by: context.caller)
        let children = try await access.visibleChildren(of: task, by: context.caller)
        var line = TaskLine(task: task, catalog: tasks.catalog, now: tasks.clock.now, children: children)
        line.links = try await tasks.links(of: task.id, scope: AccessPolicy.teamScope(context.caller))
        return StreamedLines.single(line, status: .ok)
    }

    @Sendable func transition(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.require("id")
        let line = try await request.singleLine()
        let command = TaskCommand.transition(try line.decode(TransitionLine.self).request(taskID: id))
        return try await applySingle(command, line: line, request: request, context: context)
    }

    @Sendable func update(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.require("id")
        let line = try await request.singleLine()
        let reader = LineObject(
            line: line.number, object: try line.object(),
            keys: ["fields", "title", "assignee", "team", "priority", "expected_version"])
        try reader.rejectUnknownKeys()
        var update = try CommandLineDecoder.update(
            LineObject(line: line.number, object: reader.object.merging(["task": .string(id)]) { a, _ in a }, keys: []),
            assignOnly: false)
        update.taskID = id
        return try await applySingle(.update(update), line: line, request: request, context: context)
    }

    @Sendable func comment(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.require("id")
        let line = try await request.singleLine()
        let reader = LineObject(line: line.number, object: try line.object(), keys: ["text"])
        try reader.rejectUnknownKeys()
        let command = TaskCommand.comment(taskID: id, text: try reader.string("text"))
        return try await applySingle(command, line: line, request: request, context: context)
    }

    /// `{"item", "done"?, "expected_version"?}`: ticks (or with `done: false` unticks) an item
    /// of the checklist of the task's state.
    @Sendable func check(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.require("id")
        let line = try await request.singleLine()
        let reader = LineObject(
            line: line.number, object: try line.object(), keys: ["item", "done", "expected_version"])
        try reader.rejectUnknownKeys()
        let tick = try CommandLineDecoder.tick(reader, of: id)
        return try await applySingle(.check(tick), line: line, request: request, context: context)
    }

    @Sendable func events(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let history = try await TaskAccess(tasks: tasks).history(of: id, by: context.caller)
        return try await StreamedLines.response(history, logger: context.logger) {
            EventLine(event: $0)
        }
    }

    /// A single-task command, honouring an `Idempotency-Key` header.
    private func applySingle(
        _ command: TaskCommand, line: RequestLine, request: Request, context: AuthenticatedRequestContext
    ) async throws -> Response {
        let caller = context.caller
        let key = request.headers[.idempotencyKey]
        let hash = "\(request.method) \(request.uri.path) \(line.digest)"
        return Self.response(
            try await apply(BatchCommand(command: command, idempotencyKey: key, requestHash: hash), caller))
    }

    private func apply(_ entry: BatchCommand, _ caller: Principal) async throws -> CommandAnswer {
        try await TaskAccess(tasks: tasks).apply(entry, as: caller)
    }

    /// The response of one command: its task line or error line, flagged when replayed.
    static func response(_ answer: CommandAnswer) -> Response {
        var headers: HTTPFields = [.contentType: NDJSON.contentType]
        if answer.replayed { headers[.idempotentReplayed] = "true" }
        if answer.status == .serviceUnavailable { headers[.retryAfter] = APIError.retryAfterUnavailable }
        let line = answer.succeeded ? answer.body : .object(["error": answer.body])
        return Response(status: answer.status, headers: headers, body: .init(byteBuffer: NDJSON.buffer(line)))
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key`: apply this request once, however often it is retried.
    static let idempotencyKey = Self("Idempotency-Key")!
    /// `Idempotent-Replayed: true` on a response that repeats an earlier outcome.
    static let idempotentReplayed = Self("Idempotent-Replayed")!
    /// `X-Total-Count: N` on a list asked for its count (`GET /v1/tasks?count=true`).
    static let totalCount = Self("X-Total-Count")!
}

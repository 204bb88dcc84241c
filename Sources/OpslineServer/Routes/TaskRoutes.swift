import Hummingbird
import OpslineStore
import Workflow

/// `/v1/tasks`: create, list, read, move, history.
struct TaskRoutes {
    let tasks: TaskStore

    func register(on group: RouterGroup<OpslineRequestContext>) {
        group.post(use: create)
        group.get(use: list)
        group.get(":id", use: show)
        group.post(":id/transitions", use: transition)
        group.get(":id/events", use: events)
    }

    /// Each line creates one task in its own transaction; a bad line does not stop the others.
    /// 201 when every line succeeded; a single failed line answers with its own status; a mix
    /// answers 207 with an error line (carrying `line`) in place of each failed task.
    @Sendable func create(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        var request = request
        let caller = try context.caller()
        let lines = try await request.ndjsonLines()
        guard !lines.isEmpty else { throw APIError.badRequest("the body holds no lines") }
        var results: [Result<TaskRecord, APIError>] = []
        for line in lines {
            do {
                let command = try line.decode(CreateTaskLine.self).command
                let team = command.team ?? tasks.catalog.latest(command.workflow)?.definition.team
                try AccessPolicy.check(caller, .create, team: team)
                results.append(.success(try await tasks.create(command, actor: caller.name)))
            } catch {
                var apiError = APIError.from(error)
                apiError.details["line"] = .int(Int64(line.number))
                results.append(.failure(apiError))
            }
        }
        return Self.response(for: results)
    }

    private static func response(for results: [Result<TaskRecord, APIError>]) -> Response {
        let failures = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        if results.count == 1, let failure = failures.first {
            return (try? failure.response(from: nil)) ?? Response(status: failure.status)
        }
        let status: HTTPResponse.Status =
            failures.isEmpty ? .created : HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status")
        let buffers = results.map { result in
            switch result {
            case .success(let task): NDJSON.buffer(TaskLine(task: task))
            case .failure(let error): NDJSON.buffer(error.line)
            }
        }
        return Response(
            status: status, headers: [.contentType: NDJSON.contentType], body: .init(contentsOf: buffers))
    }

    @Sendable func list(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        let caller = try context.caller()
        try AccessPolicy.checkRole(caller, .read)
        let query = request.uri.queryParameters
        var filter = TaskFilter()
        filter.workflow = query["workflow"].map(String.init)
        filter.state = query["state"].map(String.init)
        filter.team = query["team"].map(String.init)
        filter.assignee = query["assignee"].map(String.init)
        filter.after = query["after"].map(String.init)
        if let limit = query["limit"] {
            guard let value = Int(limit), value > 0 else {
                throw APIError.badRequest("limit must be a positive integer, not '\(limit)'")
            }
            filter.limit = value
        }
        if !AccessPolicy.seesAllTeams(caller) { filter.visibleTeams = caller.teams }
        let stream = try await tasks.list(filter)
        return try await StreamedLines.response(stream) { TaskLine(task: $0) }
    }

    @Sendable func show(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        let task = try await tasks.task(try context.parameters.require("id"))
        try AccessPolicy.check(try context.caller(), .read, team: task.team)
        return StreamedLines.single(TaskLine(task: task), status: .ok)
    }

    @Sendable func transition(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        var request = request
        let id = try context.parameters.require("id")
        let caller = try context.caller()
        let body = try await request.singleLine().decode(TransitionLine.self)
        let current = try await tasks.task(id)
        try AccessPolicy.check(caller, .transition, team: current.team)
        let task = try await tasks.transition(body.request(taskID: id), actor: caller.name)
        return StreamedLines.single(TaskLine(task: task), status: .ok)
    }

    @Sendable func events(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let task = try await tasks.task(id)
        try AccessPolicy.check(try context.caller(), .read, team: task.team)
        return try await StreamedLines.response(try await tasks.events(ofTask: id)) { EventLine(event: $0) }
    }
}

extension APIError {
    /// The error's response outside a request handler (used for per-line results).
    fileprivate func response(from _: Request?) throws -> Response {
        var headers = self.headers
        headers[.contentType] = NDJSON.contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: NDJSON.buffer(line)))
    }
}

import Foundation
import Hummingbird
import Logging
import OpslineStore
import Workflow

/// `POST /v1/events[?atomic=true]`: a batch of command lines, each applied on its own, answered
/// with exactly one result line per input line, in input order, each written once its change
/// has committed.
struct EventBatchRoute {
    let tasks: TaskStore
    /// Lines per transaction: several commits' worth of work share one fsync.
    var groupSize = 100

    @Sendable func post(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        var request = request
        let caller = context.caller
        let lines = try await request.ndjsonLines()
        // An empty batch is a mistake worth naming (and leaves no line to report a failure on).
        guard !lines.isEmpty else { throw APIError.badRequest("the body holds no lines") }
        let atomic = request.uri.queryParameters["atomic"] == "true"
        let authorize = CommandPermissions(caller: caller, catalog: tasks.catalog).authorizer
        let render = Self.renderer(catalog: tasks.catalog, clock: tasks.clock)
        let logger = context.logger
        let body = ResponseBody { [self] writer in
            if atomic {
                let results = try await applyAtomically(
                    lines, Self.decode(lines[...]), caller: caller, authorize: authorize, render: render,
                    logger: logger)
                try await writer.write(contentsOf: results)
            } else {
                // Decoded a group at a time, so a 10,000-line batch is never held as commands.
                for start in stride(from: 0, to: lines.count, by: groupSize) {
                    let group = lines[start..<min(start + groupSize, lines.count)]
                    let results = try await applyGroup(
                        Array(group), Self.decode(group), caller: caller, authorize: authorize, render: render,
                        logger: logger)
                    try await writer.write(contentsOf: results)
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: NDJSON.contentType], body: body)
    }

    /// The command each line holds, or the 400 that explains why it holds none.
    private static func decode(_ lines: ArraySlice<RequestLine>) -> [Result<BatchCommand, APIError>] {
        lines.map { line in Result { try CommandLineDecoder.decode(line) }.mapError(APIError.from) }
    }

    /// One group in one transaction; refused lines roll back to their savepoint only. A failure
    /// of the group as a whole (an outage, a bug) is every unapplied line's answer, logged once.
    private func applyGroup(
        _ lines: [RequestLine], _ parsed: [Result<BatchCommand, APIError>], caller: Principal,
        authorize: CommandAuthorizer, render: OutcomeRenderer, logger: Logger
    ) async throws -> [ByteBuffer] {
        let runnable = parsed.compactMap { try? $0.get() }
        var answers: [CommandAnswer] = []
        do {
            let result = try await tasks.applyBatch(
                runnable, atomic: false, caller: CommandCaller(caller), authorize: authorize, render: render)
            answers = result.outcomes.map(CommandAnswer.init)
            if let error = result.stoppedBy {
                let answer = CommandAnswer(APIError.reporting(error, to: logger))
                answers += Array(repeating: answer, count: runnable.count - answers.count)
            }
        } catch {
            answers = Array(repeating: CommandAnswer(APIError.reporting(error, to: logger)), count: runnable.count)
        }
        var next = answers.makeIterator()
        return zip(lines, parsed).map { line, parsedLine in
            switch parsedLine {
            case .success: Self.resultLine(line.number, next.next()!)
            case .failure(let error): Self.resultLine(line.number, CommandAnswer(error))
            }
        }
    }

    /// All lines in one transaction: the first refusal (or bad line) rolls everything back.
    private func applyAtomically(
        _ lines: [RequestLine], _ parsed: [Result<BatchCommand, APIError>], caller: Principal,
        authorize: CommandAuthorizer, render: OutcomeRenderer, logger: Logger
    ) async throws -> [ByteBuffer] {
        if let bad = parsed.firstIndex(where: { (try? $0.get()) == nil }), case .failure(let error) = parsed[bad] {
            return Self.atomicFailure(lines, failedAt: bad, answer: CommandAnswer(error))
        }
        let commands = parsed.compactMap { try? $0.get() }
        let result: BatchResult
        do {
            result = try await tasks.applyBatch(
                commands, atomic: true, caller: CommandCaller(caller), authorize: authorize, render: render)
        } catch {
            return Self.atomicFailure(lines, failedAt: 0, answer: CommandAnswer(APIError.reporting(error, to: logger)))
        }
        if let failedAt = result.failedAt {
            return Self.atomicFailure(lines, failedAt: failedAt, answer: CommandAnswer(result.outcomes[0]))
        }
        return zip(lines, result.outcomes).map { Self.resultLine($0.number, CommandAnswer($1)) }
    }

    private static func atomicFailure(_ lines: [RequestLine], failedAt: Int, answer: CommandAnswer) -> [ByteBuffer] {
        let notApplied = CommandAnswer(
            APIError(
                HTTPResponse.Status(code: 424, reasonPhrase: "Failed Dependency"), code: "not_applied",
                message: "the atomic batch failed at line \(lines[failedAt].number); nothing was applied"))
        return lines.enumerated().map { index, line in resultLine(line.number, index == failedAt ? answer : notApplied)
        }
    }

    static func resultLine(_ number: Int, _ answer: CommandAnswer) -> ByteBuffer {
        var line: [String: JSONValue] = ["line": .int(Int64(number)), "status": .int(Int64(answer.status.code))]
        line[answer.succeeded ? "task" : "error"] = answer.body
        if answer.replayed { line["replayed"] = true }
        return NDJSON.buffer(JSONValue.object(line))
    }

    /// Task lines for successes (remembered under idempotency keys), error objects for refusals
    /// (never remembered); unavailability and internal errors are no refusals and are thrown.
    static func renderer(catalog: WorkflowCatalog, clock: OpslineClock) -> OutcomeRenderer {
        OutcomeRenderer(
            taskLine: { TaskLine(task: $0, catalog: catalog, now: clock.now).json }, refusal: APIError.refusal)
    }
}

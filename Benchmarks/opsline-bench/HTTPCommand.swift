import ArgumentParser
import AsyncHTTPClient
import Foundation

/// `opsline-bench http`: seeds complaints, then measures single and batched transitions.
struct HTTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Seed tasks, then measure single (a) and batched (b) transitions over HTTP.",
        discussion: """
            Every client owns its own tasks and moves them investigating ⇄ waiting_on_customer \
            (ask_customer / customer_replied), so no two requests ever wait for the same row.
            """
    )

    @Option(help: "The server's base URL.")
    var url: String

    @Option(help: "A bearer token that may create and move complaints.")
    var token: String

    @Option(help: "Concurrent clients.")
    var clients = 8

    @Option(help: "Complaints each client creates and owns.")
    var tasksPerClient = 200

    @Option(help: "Transition lines per POST /v1/events request in phase (b).")
    var batchSize = 100

    @Option(help: "Seconds of load before measuring, in each phase.")
    var warmup = 3.0

    @Option(help: "Seconds measured in each phase.")
    var duration = 20.0

    @Option(help: "Where to write the results (JSON).")
    var output: String

    func validate() throws {
        guard clients > 0, tasksPerClient > 0, batchSize > 0 else {
            throw ValidationError("--clients, --tasks-per-client and --batch-size must be positive")
        }
        guard batchSize <= tasksPerClient else {
            throw ValidationError("--batch-size must not exceed --tasks-per-client (one line per task and batch)")
        }
        guard warmup >= 0, duration > 0 else { throw ValidationError("--warmup ≥ 0 and --duration > 0") }
    }

    func run() async throws {
        let client = BenchAPI.makeClient(connections: 2 * clients)
        do {
            try await measure(BenchAPI(client: client, baseURL: url, token: token))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func measure(_ api: BenchAPI) async throws {
        progress("seeding \(clients)×\(tasksPerClient) complaints and moving them to investigating")
        let owned = try await Seeder(api: api, perClient: tasksPerClient).seed(clients: clients)

        progress("(a) single transitions: \(clients) clients, \(warmup) s warm-up + \(duration) s")
        let single = try await runPhase(owned) { connection, tasks, window in
            try SingleTransitions(connection: connection).run(&tasks, window)
        }
        report("(a)", single)

        progress("(b) batched transitions: \(clients) clients × \(batchSize) lines a request")
        let batch = try await runPhase(single.owned) { [batchSize] connection, tasks, window in
            try BatchedTransitions(connection: connection, batchSize: batchSize).run(&tasks, window)
        }
        report("(b)", batch)

        let results = HTTPResults(
            clients: clients, tasksPerClient: tasksPerClient, batchSize: batchSize, warmupSeconds: warmup,
            single: single.result, batch: batch.result)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(results).write(to: URL(fileURLWithPath: output))
    }

    private func report(_ label: String, _ phase: PhaseOutcome) {
        let result = phase.result
        progress(
            "\(label) \(Int(result.transitionsPerSecond.rounded())) transitions/s, "
                + "p50 \(formatted(result.latency.p50)) ms, p99 \(formatted(result.latency.p99)) ms, "
                + "\(result.errors) errors")
        if let firstError = phase.firstError { progress("\(label) first error: \(firstError)") }
    }

    struct PhaseOutcome: Sendable {
        var result: PhaseResult
        var firstError: String?
        /// The clients' tasks with the states they ended in.
        var owned: [[OwnedTask]]
    }

    /// Runs one client per task list, all over the same time window, each on a thread and a
    /// connection of its own (see `PlainHTTPConnection` for why not async-http-client).
    private func runPhase(
        _ owned: [[OwnedTask]],
        _ body: @escaping @Sendable (PlainHTTPConnection, inout [OwnedTask], MeasurementWindow) throws -> ClientTally
    ) async throws -> PhaseOutcome {
        let window = MeasurementWindow(warmup: warmup, duration: duration)
        let finished = try await withThrowingTaskGroup(of: (Int, ClientTally, [OwnedTask]).self) { group in
            for (index, tasks) in owned.enumerated() {
                group.addTask { [url, token] in
                    try await onOwnThread {
                        var tasks = tasks
                        let connection = try PlainHTTPConnection(baseURL: url, token: token)
                        let tally = try body(connection, &tasks, window)
                        return (index, tally, tasks)
                    }
                }
            }
            var finished: [(Int, ClientTally, [OwnedTask])] = []
            for try await client in group { finished.append(client) }
            return finished.sorted { $0.0 < $1.0 }
        }
        let (result, firstError) = ClientTally.merge(finished.map(\.1), seconds: duration)
        return PhaseOutcome(result: result, firstError: firstError, owned: finished.map(\.2))
    }
}

func formatted(_ value: Double, digits: Int = 2) -> String {
    value.isNaN ? "-" : String(format: "%.\(digits)f", value)
}

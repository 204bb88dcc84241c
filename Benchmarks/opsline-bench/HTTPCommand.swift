import ArgumentParser
import Foundation

/// `opsline-bench http`: measures single and batched transitions on the seeded complaints.
struct HTTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "Measure single (a) and batched (b) transitions over HTTP, in rounds.",
        discussion: """
            Every client owns its own tasks (from `seed`) and moves them investigating ⇄ \
            waiting_on_customer (ask_customer / customer_replied), so no two requests ever wait for \
            the same row. Each phase runs in rounds; after each round the --between-rounds program \
            runs with the phase (single or batch) and the round number, so that pgbench's rounds \
            interleave with ours and both see the machine in the same moods.
            """
    )

    @OptionGroup var server: ServerOptions

    @Option(help: "The tasks each client owns, as written by `seed`.")
    var owned: String

    @Option(help: "Transition lines per POST /v1/events request in phase (b).")
    var batchSize = 100

    @Option(help: "Seconds of load before measuring, in each round.")
    var warmup = 3.0

    @Option(help: "Seconds measured in each phase, split evenly over its rounds.")
    var duration = 20.0

    @Option(help: "Rounds per phase.")
    var rounds = 1

    @Option(help: "A program to run after each round, given the phase (single|batch) and round number.")
    var betweenRounds: String?

    @Option(help: "Where to write the results (JSON).")
    var output: String

    func validate() throws {
        guard batchSize > 0, rounds > 0 else { throw ValidationError("--batch-size and --rounds must be positive") }
        guard warmup >= 0, duration > 0 else { throw ValidationError("--warmup ≥ 0 and --duration > 0") }
    }

    func run() async throws {
        var owned = try JSONDecoder().decode([[OwnedTask]].self, from: Data(contentsOf: URL(fileURLWithPath: owned)))
        guard let perClient = owned.first?.count, batchSize <= perClient else {
            throw ValidationError("--batch-size must not exceed the tasks a client owns (one line per task and batch)")
        }
        let roundSeconds = duration / Double(rounds)

        progress(
            "(a) single transitions: \(owned.count) clients, \(rounds) × (\(warmup) s warm-up + \(roundSeconds) s)")
        let single = try await runRounds("single", &owned) { connection, tasks, window, ledger in
            try SingleTransitions(connection: connection, ledger: ledger).run(&tasks, window)
        }
        report("(a)", single)

        progress("(b) batched transitions: \(owned.count) clients × \(batchSize) lines a request")
        let batch = try await runRounds("batch", &owned) { [batchSize] connection, tasks, window, ledger in
            try BatchedTransitions(connection: connection, batchSize: batchSize, ledger: ledger).run(&tasks, window)
        }
        report("(b)", batch)

        let results = HTTPResults(
            clients: owned.count, tasksPerClient: perClient, batchSize: batchSize, warmupSeconds: warmup,
            single: single.result, batch: batch.result, singleFollower: single.follower,
            batchFollower: batch.follower)
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
        let follower = phase.follower
        progress(
            "\(label) COMMIT → follower: p50 \(formatted(follower.fromSend.p50)) ms, "
                + "p99 \(formatted(follower.fromSend.p99)) ms from the send; \(follower.events) events, "
                + "\(follower.missing) missing, \(follower.unmatched) unmatched")
    }

    struct PhaseOutcome: Sendable {
        var result: PhaseResult
        var firstError: String?
        var follower: FollowerLatency
    }

    private typealias ClientLoad =
        @Sendable (PlainHTTPConnection, inout [OwnedTask], MeasurementWindow, CommitLedger) throws ->
        ClientTally

    /// Runs a phase's rounds, each followed by the `--between-rounds` program, and merges them.
    private func runRounds(
        _ phase: String, _ owned: inout [[OwnedTask]], _ load: @escaping ClientLoad
    )
        async throws -> PhaseOutcome
    {
        var tallies: [ClientTally] = []
        var follower = FollowerTally()
        for round in 1...rounds {
            // The program between rounds moves the tasks too: read their states first.
            let (clients, events) = try await runRound(&owned, resync: betweenRounds != nil, load)
            tallies += clients
            follower = follower + events
            if let betweenRounds { try await runProgram(betweenRounds, [phase, String(round)]) }
        }
        let (result, firstError) = ClientTally.merge(tallies, seconds: duration)
        return PhaseOutcome(result: result, firstError: firstError, follower: follower.result)
    }

    /// Runs one client per task list, all over the same time window, each on a thread and a
    /// connection of its own (see `PlainHTTPConnection` for why not async-http-client), with one
    /// follower of the event stream (`FollowerProbe`) timing each move's event.
    private func runRound(
        _ owned: inout [[OwnedTask]], resync: Bool, _ load: @escaping ClientLoad
    )
        async throws -> ([ClientTally], FollowerTally)
    {
        let window = MeasurementWindow(warmup: warmup, duration: duration / Double(rounds))
        let ledger = CommitLedger(window: window)
        // The follower starts (since=now) before the first request: every move of the round is
        // then in its stream, which the exact matching needs (see `CommitLedger`).
        let probe = try await FollowerProbe.open(url: server.url, token: server.token)
        let (ready, readyContinuation) = AsyncStream<Void>.makeStream()
        let reading = Task {
            defer { readyContinuation.finish() }
            try await onOwnThread { try probe.run(ledger: ledger) { readyContinuation.finish() } }
        }
        for await _ in ready {}
        let clients = try await runClients(&owned, resync: resync, window: window, ledger: ledger, load)
        // The last moves' events may still be on their way.
        let deadline = ContinuousClock.now + .seconds(5)
        while ledger.outstanding > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        probe.stop()
        try await reading.value
        return (clients, ledger.tally())
    }

    private func runClients(
        _ owned: inout [[OwnedTask]], resync: Bool, window: MeasurementWindow, ledger: CommitLedger,
        _ load: @escaping ClientLoad
    )
        async throws -> [ClientTally]
    {
        let finished = try await withThrowingTaskGroup(of: (Int, ClientTally, [OwnedTask]).self) { group in
            for (index, tasks) in owned.enumerated() {
                group.addTask { [url = server.url, token = server.token] in
                    try await onOwnThread {
                        let connection = try PlainHTTPConnection(baseURL: url, token: token)
                        // Read during the warm-up, which the window does not measure.
                        var tasks = resync ? try tasks.map { try refreshed($0, connection: connection) } : tasks
                        let tally = try load(connection, &tasks, window, ledger)
                        return (index, tally, tasks)
                    }
                }
            }
            var finished: [(Int, ClientTally, [OwnedTask])] = []
            for try await client in group { finished.append(client) }
            return finished.sorted { $0.0 < $1.0 }
        }
        owned = finished.map(\.2)
        return finished.map(\.1)
    }

    /// Runs `path` with `arguments` and waits for it; fails unless it exits 0.
    private func runProgram(_ path: String, _ arguments: [String]) async throws {
        let status = try await onOwnThread {
            // A child inherits its parent thread's blocked signals, and this thread was started
            // from one that blocks them all: pgbench -T, waiting for a SIGALRM, would never stop.
            var none = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard status == 0 else { throw BenchFailure("\(path) \(arguments.joined(separator: " ")) exited \(status)") }
    }
}

func formatted(_ value: Double, digits: Int = 2) -> String {
    value.isNaN ? "-" : String(format: "%.\(digits)f", value)
}

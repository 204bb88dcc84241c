import ArgumentParser
import Foundation

/// `opsline-bench report`: the comparison table of one `Benchmarks/run.sh` run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the HTTP results beside pgbench's replay and limit, and the server's peak RSS.",
        discussion: """
            The replay is pgbench running the statements the server runs for a transition; the \
            limit is pgbench running the least SQL a durable transition needs (lock the row, update \
            it, append one event, notify, commit), without the server's extra writes and locks. \
            HTTP ÷ limit is the target; HTTP ÷ replay shows what the server itself costs.
            """
    )

    @Option(help: "The JSON written by `opsline-bench http`.")
    var http: String

    @Option(help: "pgbench's standard output, one transition a transaction (once per round).")
    var pgbenchSingle: [String]

    @Option(help: "The --log-prefix of each of those pgbench runs.")
    var pgbenchSingleLog: [String]

    @Option(help: "pgbench's standard output, a batch of transitions a transaction (once per round).")
    var pgbenchBatch: [String]

    @Option(help: "The --log-prefix of each of those pgbench runs.")
    var pgbenchBatchLog: [String]

    @Option(help: "pgbench's standard output of the limit, one transition a transaction (once per round).")
    var limitSingle: [String]

    @Option(help: "The --log-prefix of each of those pgbench runs.")
    var limitSingleLog: [String]

    @Option(help: "pgbench's standard output of the limit, a batch a transaction (once per round).")
    var limitBatch: [String]

    @Option(help: "The --log-prefix of each of those pgbench runs.")
    var limitBatchLog: [String]

    @Option(help: "The pgbench command line used (shown in the header).")
    var pgbenchCommand = "pgbench"

    @Option(help: "A line about the machine (CPUs, load before the run), shown in the header.")
    var machine: String?

    @Option(help: "The server's VmHWM in kB.")
    var rssKilobytes: Int

    @Option(help: "Target for HTTP rate ÷ the limit's rate.")
    var ratioTarget = 0.8

    @Option(help: "Target for the p99 of COMMIT → follower latency, in ms.")
    var followerTargetMilliseconds = 50.0

    @Option(help: "Target for the server's peak RSS, in MB.")
    var rssTargetMegabytes = 150.0

    func run() throws {
        let results = try JSONDecoder().decode(HTTPResults.self, from: Data(contentsOf: URL(fileURLWithPath: http)))
        let single = try PgbenchRun(
            outputs: pgbenchSingle, logPrefixes: pgbenchSingleLog, transitionsPerTransaction: 1)
        let batch = try PgbenchRun(
            outputs: pgbenchBatch, logPrefixes: pgbenchBatchLog, transitionsPerTransaction: results.batchSize)
        let singleLimit = try PgbenchRun(
            outputs: limitSingle, logPrefixes: limitSingleLog, transitionsPerTransaction: 1)
        let batchLimit = try PgbenchRun(
            outputs: limitBatch, logPrefixes: limitBatchLog, transitionsPerTransaction: results.batchSize)

        let tasks = results.clients * results.tasksPerClient
        print("")
        print(
            "Opsline durable transitions (fsync on) — \(results.clients) clients, \(tasks) tasks, "
                + "\(formatted(results.single.seconds, digits: 0)) s measured per phase in \(pgbenchSingle.count) "
                + "rounds, HTTP, replay and limit taking turns; HTTP: \(formatted(results.warmupSeconds, digits: 0)) s "
                + "warm-up a round, one event follower open; \(pgbenchCommand)")
        if let machine { print("Machine: \(machine)") }
        print("")
        let header = [
            pad("", 46), pad("transitions/s", 14, right: true), pad("req|tx/s", 10, right: true),
            pad("p50 ms", 9, right: true), pad("p99 ms", 9, right: true), pad("errors", 7, right: true),
        ]
        print(header.joined())
        row("(a) HTTP POST /v1/tasks/{id}/transitions", results.single)
        row("(c) replay: pgbench, the server's SQL, 1 a tx", single.result)
        row("(d) limit: pgbench, the least SQL, 1 a tx", singleLimit.result)
        ratios("single", results.single, replay: single.result, limit: singleLimit.result)
        follower("single", results.singleFollower)
        print("")
        row("(b) HTTP POST /v1/events, \(results.batchSize) lines a request", results.batch)
        row("(c) replay: pgbench, \(results.batchSize) transitions a tx", batch.result)
        row("(d) limit: pgbench, \(results.batchSize) least transitions a tx", batchLimit.result)
        ratios("batched", results.batch, replay: batch.result, limit: batchLimit.result)
        follower("batched", results.batchFollower)
        print("")
        let megabytes = Double(rssKilobytes) / 1024
        print(
            pad("server peak RSS (VmHWM, opsline process)", 46)
                + pad("\(formatted(megabytes, digits: 1)) MB", 14, right: true)
                + "   target < \(formatted(rssTargetMegabytes, digits: 0)) MB: "
                + (megabytes < rssTargetMegabytes ? "met" : "MISSED"))
        print("")
    }

    private func row(_ label: String, _ result: PhaseResult) {
        let columns = [
            pad(label, 46), pad(formatted(result.transitionsPerSecond, digits: 0), 14, right: true),
            pad(formatted(result.requestsPerSecond, digits: 1), 10, right: true),
            pad(formatted(result.latency.p50), 9, right: true), pad(formatted(result.latency.p99), 9, right: true),
            pad("\(result.errors)", 7, right: true),
        ]
        print(columns.joined())
    }

    private func ratios(_ phase: String, _ http: PhaseResult, replay: PhaseResult, limit: PhaseResult) {
        let toLimit = http.transitionsPerSecond / limit.transitionsPerSecond
        let toReplay = http.transitionsPerSecond / replay.transitionsPerSecond
        print(
            "    \(phase): HTTP/limit = \(formatted(toLimit)) (target ≥ \(formatted(ratioTarget))): "
                + (toLimit >= ratioTarget ? "met" : "MISSED"))
        print("    \(phase): HTTP/replay = \(formatted(toReplay))")
    }

    /// COMMIT → follower latency; the bound from the send is the one the target applies to.
    private func follower(_ phase: String, _ latency: FollowerLatency) {
        let send = latency.fromSend
        let answer = latency.fromAnswer
        let met = send.p99 < followerTargetMilliseconds
        print(
            "    \(phase): COMMIT → follower, from the send: p50 \(formatted(send.p50)) / p99 \(formatted(send.p99)) / "
                + "max \(formatted(send.max)) ms (target p99 < \(formatted(followerTargetMilliseconds, digits: 0)) ms: "
                + (met ? "met" : "MISSED") + ")")
        print(
            "    \(phase): COMMIT → follower, from the answer: p50 \(formatted(answer.p50)) / p99 "
                + "\(formatted(answer.p99)) / max \(formatted(answer.max)) ms; \(latency.events) events, "
                + "\(latency.missing) missing, \(latency.unmatched) unmatched")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}

/// pgbench's rounds of one phase: their summary lines and per-transaction logs, merged.
struct PgbenchRun {
    var result: PhaseResult

    init(outputs: [String], logPrefixes: [String], transitionsPerTransaction: Int) throws {
        guard !outputs.isEmpty else { throw BenchFailure("no pgbench output given") }
        let rounds = try outputs.map { try Self.summary($0) }
        let processed = rounds.map(\.processed).reduce(0, +)
        let latencies = try logPrefixes.flatMap { try Self.latencies(logPrefix: $0) }
        result = PhaseResult(
            requests: Int(processed), transitions: Int(processed) * transitionsPerTransaction,
            errors: Int(rounds.map(\.failed).reduce(0, +)), seconds: rounds.map(\.seconds).reduce(0, +),
            latency: LatencySummary(milliseconds: latencies))
    }

    /// Transactions processed and failed, and the seconds they took, from one run's summary.
    private static func summary(_ output: String) throws -> (processed: Double, failed: Double, seconds: Double) {
        let text = try String(contentsOfFile: output, encoding: .utf8)
        func number(after key: String) -> Double? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return nil }
            let rest = line.dropFirst(key.count).drop { $0 == " " }
            return Double(rest.prefix { "0123456789.".contains($0) })
        }
        guard let tps = number(after: "tps = "),
            let processed = number(after: "number of transactions actually processed:")
        else { throw BenchFailure("\(output): no pgbench summary (tps, transactions processed)") }
        let failed = number(after: "number of failed transactions:") ?? 0
        return (processed, failed, processed / tps)
    }

    /// Transaction latencies (ms) from pgbench's `-l` files: `client tx latency_us script epoch us …`.
    static func latencies(logPrefix: String) throws -> [Double] {
        let prefix = URL(fileURLWithPath: logPrefix)
        let folder = prefix.deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(prefix.lastPathComponent + ".") }
        var latencies: [Double] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count > 2, let microseconds = Double(fields[2]) { latencies.append(microseconds / 1_000) }
            }
        }
        guard !latencies.isEmpty else { throw BenchFailure("no pgbench log under \(logPrefix).*") }
        return latencies
    }
}

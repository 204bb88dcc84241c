import Foundation

/// Latency percentiles of one phase, in milliseconds.
struct LatencySummary: Codable, Sendable {
    var samples: Int
    var p50: Double
    var p99: Double
    var mean: Double
    var max: Double

    /// Summarises latencies given in milliseconds (nearest-rank percentiles).
    init(milliseconds values: [Double]) {
        let sorted = values.sorted()
        samples = sorted.count
        func rank(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        p50 = rank(0.50)
        p99 = rank(0.99)
        mean = sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count)
        max = sorted.last ?? .nan
    }
}

/// What one measured phase produced.
struct PhaseResult: Codable, Sendable {
    /// Requests (HTTP) or transactions (pgbench) completed inside the measured window.
    var requests: Int
    /// Successful transitions inside the window.
    var transitions: Int
    /// Refused or failed requests / lines inside the window.
    var errors: Int
    /// Length of the measured window.
    var seconds: Double
    /// Latency of one request (HTTP) or one transaction (pgbench).
    var latency: LatencySummary

    var transitionsPerSecond: Double { Double(transitions) / seconds }
    var requestsPerSecond: Double { Double(requests) / seconds }
}

/// Everything `opsline-bench http` measured.
struct HTTPResults: Codable, Sendable {
    var clients: Int
    var tasksPerClient: Int
    var batchSize: Int
    var warmupSeconds: Double
    var single: PhaseResult
    var batch: PhaseResult
    /// COMMIT → follower latency during each phase.
    var singleFollower: FollowerLatency
    var batchFollower: FollowerLatency
}

/// What one client saw in a phase, merged into a `PhaseResult` at the end.
struct ClientTally: Sendable {
    var requests = 0
    var transitions = 0
    var errors = 0
    var latencies: [Double] = []
    var firstError: String?

    mutating func note(error: String) {
        errors += 1
        if firstError == nil { firstError = error }
    }

    static func merge(_ tallies: [ClientTally], seconds: Double) -> (PhaseResult, firstError: String?) {
        let latencies = tallies.flatMap(\.latencies)
        let result = PhaseResult(
            requests: tallies.map(\.requests).reduce(0, +), transitions: tallies.map(\.transitions).reduce(0, +),
            errors: tallies.map(\.errors).reduce(0, +), seconds: seconds,
            latency: LatencySummary(milliseconds: latencies))
        return (result, tallies.compactMap(\.firstError).first)
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}

/// Writes a progress line to standard error (standard output is kept for results).
func progress(_ message: String) {
    FileHandle.standardError.write(Data("opsline-bench: \(message)\n".utf8))
}

/// Something that fires when what a test waits for may have changed: the server's `EventSignal`
/// (a `NOTIFY` channel) conforms in each test target.
public protocol ChangeSignal: Sendable {
    /// Moves on each time the signal fires.
    var generation: UInt64 { get }
    /// Returns when `generation` moves past the one given, or after `timeout`.
    func wait(after generation: UInt64, timeout: Duration) async
}

/// A value that was not there within a test's bound.
public struct NotThere: Error, CustomStringConvertible {
    public let description: String
}

extension ChangeSignal {
    /// Returns once the signal has fired at least once (a listener fires when it connects).
    public func listening() async {
        while generation == 0 { await wait(after: 0, timeout: .seconds(5)) }
    }

    /// Reads `read` again each time the signal fires, until it gives a value.
    ///
    /// - Parameter limit: When to give up and throw: a bound on a hang, far beyond how long the
    ///   awaited work takes on a loaded machine, never a timing expectation.
    public func value<Value>(
        within limit: Duration = .seconds(120), _ read: () async throws -> Value?
    ) async throws -> Value {
        let deadline = ContinuousClock.now + limit
        while true {
            let seen = generation
            if let value = try await read() { return value }
            guard ContinuousClock.now < deadline else { throw NotThere(description: "not there after \(limit)") }
            // A second's backstop: a reader acting on the same notification may act after `read`.
            await wait(after: seen, timeout: .seconds(1))
        }
    }

    /// Reads `read` again each time the signal fires, until `condition` holds on what it read.
    public func value<Value>(
        within limit: Duration = .seconds(120), _ read: () async throws -> Value, until condition: (Value) -> Bool
    ) async throws -> Value {
        try await value(within: limit) {
            let value = try await read()
            return condition(value) ? value : nil
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A real HTTP receiver on 127.0.0.1 for notification tests: it records every request it gets
/// and answers from a script (`500, 500, 200`, then 200 for ever), or holds its answer until
/// the test lets it go (a receiver that hangs). Nothing is mocked: the server under test sends
/// over a socket to it.
public final class WebhookReceiver: ChangeSignal {
    /// One request as received.
    public struct Received: Sendable {
        public let path: String
        public let query: String?
        public let headers: HTTPFields
        public let body: String

        public func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
    }

    /// What to answer next.
    public enum Answer: Sendable {
        case status(HTTPResponse.Status, retryAfter: String? = nil)
        /// Hold the answer until `release()`, then 200.
        case hang
    }

    private let state = Mutex<(script: [Answer], received: [Received])>(([], []))
    /// Wakes `wait(after:timeout:)` on each arrival.
    private let arrivals = Mutex<[CheckedContinuation<Void, Never>]>([])
    private let held: AsyncStream<Void>
    private let release: AsyncStream<Void>.Continuation
    /// The port it listens on.
    public let port: Int

    private init(port: Int, script: [Answer]) {
        (held, release) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        self.port = port
        state.withLock { $0.script = script }
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String = "/hook") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request so far.
    public var received: [Received] { state.withLock { $0.received } }

    /// Waits until at least `count` requests have arrived (two minutes at most, then throws).
    public func waitFor(_ count: Int) async throws -> [Received] {
        try await value({ received }, until: { $0.count >= count })
    }

    /// How many requests have arrived: moves on with each.
    public var generation: UInt64 { UInt64(state.withLock { $0.received.count }) }

    /// Returns when a request arrives after the `generation`-th, or after `timeout`.
    public func wait(after generation: UInt64, timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let now = self.generation
                    if now > generation {
                        continuation.resume()
                    } else {
                        self.arrivals.withLock { $0.append(continuation) }
                    }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // Wakes a waiter left behind by the time-out, so the group can end.
            self.wakeAll()
        }
    }

    private func wakeAll() {
        for waiter in arrivals.withLock({ waiters in
            defer { waiters.removeAll() }; return waiters
        }) { waiter.resume() }
    }

    /// Lets every hanging answer go.
    public func releaseHeld() { release.yield() }

    private func record(_ request: Received) -> Answer {
        let answer = state.withLock { state -> Answer in
            state.received.append(request)
            return state.script.isEmpty ? .status(.ok) : state.script.removeFirst()
        }
        wakeAll()
        return answer
    }

    private func respond(_ request: Request) async throws -> Response {
        let body = request.body
        let bytes = try await body.collect(upTo: 1 << 20)
        let received = Received(
            path: request.uri.path, query: request.uri.query, headers: request.headers, body: String(buffer: bytes))
        switch record(received) {
        case .status(let status, let retryAfter):
            var headers: HTTPFields = [:]
            if let retryAfter { headers[.retryAfter] = retryAfter }
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "ok")))
        case .hang:
            var iterator = held.makeAsyncIterator()
            _ = await iterator.next()
            return Response(status: .ok)
        }
    }

    /// Runs a receiver while `body` runs.
    public static func with<Value: Sendable>(
        script: [Answer] = [], _ body: @Sendable (WebhookReceiver) async throws -> Value
    ) async throws -> Value {
        let (ports, portFound) = AsyncStream<Int>.makeStream()
        let holder = Mutex<WebhookReceiver?>(nil)
        let router = Router()
        router.post("**") { request, _ -> Response in
            guard let receiver = holder.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            return try await receiver.respond(request)
        }
        var logger = Logger(label: "receiver")
        logger.logLevel = .critical  // its own shutdown's "already closed" is not news
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portFound.yield(channel.localAddress?.port ?? 0)
                portFound.finish()
            }, logger: logger)
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw ReceiverTimeout(expected: 0, got: 0) }
        let receiver = WebhookReceiver(port: port, script: script)
        holder.withLock { $0 = receiver }
        defer { receiver.releaseHeld() }
        return try await body(receiver)
    }
}

public struct ReceiverTimeout: Error, CustomStringConvertible {
    let expected: Int
    let got: Int
    public var description: String { "the receiver got \(got) requests, not \(expected), within a minute" }
}

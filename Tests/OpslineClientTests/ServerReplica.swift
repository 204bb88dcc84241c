import AsyncHTTPClient
import Foundation
import NIOCore
import TestSupport
import Workflow

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `opsline serve` running as a child process on a free port of 127.0.0.1: a replica
/// on a database it shares with others (`--database-url`), or a server with its own embedded
/// PostgreSQL (`--data-dir`).
///
/// Its output goes to a file in `TestLogging.folder`, shown by `description` when a test fails. Stop it with
/// ``terminate(timeout:)`` (SIGTERM) or ``kill()`` (SIGKILL); `deinit` kills what still runs.
final class ServerReplica: CustomStringConvertible {
    /// Where the server keeps its data.
    enum Database {
        /// A running PostgreSQL (`--database-url`).
        case url(String)
        /// An embedded PostgreSQL the server starts in this folder (`--data-dir`).
        case embedded(dataDirectory: String)

        var arguments: [String] {
            switch self {
            case .url(let url): ["--database-url", url]
            case .embedded(let folder): ["--data-dir", folder]
            }
        }
    }

    /// The replica did not become ready, or did not stop, in time.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A short name for messages, e.g. `replica-b`.
    let name: String
    /// `http://127.0.0.1:PORT` (`https://` when served over TLS).
    let baseURL: String
    /// The client `waitUntilReady` asks with: one that trusts the test's certificate authority
    /// for a replica served over TLS.
    private let probeClient: HTTPClient
    private let process = Process()
    private let logURL: URL
    /// Finishes when the process exits.
    private let exited: AsyncStream<Void>

    /// Starts `opsline serve` with `database` and `--workflows WORKFLOWS` on a free port, with
    /// `adminSecret` as an admin token. Returns at once; await ``waitUntilReady(timeout:)``.
    /// `arguments` go to `opsline serve` after the others.
    /// `scheme` is `https` for a replica given `--tls-cert`/`--tls-key` in `arguments`; then
    /// `probeClient` must trust its certificate.
    init(
        name: String, database: Database, workflows: URL, adminSecret: String, arguments: [String] = [],
        scheme: String = "http", probeClient: HTTPClient = .shared
    ) throws {
        self.name = name
        let port = try FreePort.pick()
        baseURL = "\(scheme)://127.0.0.1:\(port)"
        self.probeClient = probeClient
        logURL = TestLogging.folder.appendingPathComponent("opsline-\(name)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OPSLINE_") }
        environment["OPSLINE_ADMIN_TOKEN"] = adminSecret
        process.executableURL = try CLIProcess.builtExecutable()
        process.arguments =
            ["serve"] + database.arguments + ["--workflows", workflows.path, "--listen", "127.0.0.1:\(port)"]
            + arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        let (exited, exit) = AsyncStream.makeStream(of: Void.self)
        self.exited = exited
        process.terminationHandler = { _ in exit.finish() }
        try process.run()
    }

    deinit {
        kill()
        // Kept when the run's logs are checked for secrets afterwards (deploy/test.sh).
        if !TestLogging.keepsLogs { try? FileManager.default.removeItem(at: logURL) }
    }

    /// Whether the process still runs.
    var isRunning: Bool { process.isRunning }

    /// Waits until `GET /readyz` answers 200: asked again every 100 ms, as a readiness probe
    /// asks a process it cannot hear from otherwise, for at most `timeout` (a hang bound).
    func waitUntilReady(timeout: Duration = .seconds(120)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw Failure(description: "\(name) exited during start-up\n\(self)") }
            let request = HTTPClientRequest(url: "\(baseURL)/readyz")
            if let response = try? await probeClient.execute(request, timeout: .seconds(2)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "\(name) was not ready after \(timeout)\n\(self)")
    }

    /// Kills the process outright (SIGKILL): no graceful shutdown, open transactions are cut off.
    func kill() {
        guard process.isRunning else { return }
        send(SIGKILL, to: process.processIdentifier)
        process.waitUntilExit()
    }

    /// Sends `signal` (such as SIGHUP or SIGTERM) and returns at once.
    func signal(_ signal: Int32) {
        guard process.isRunning else { return }
        send(signal, to: process.processIdentifier)
    }

    /// Waits until the log holds `text` `count` times, read again every 50 ms for at most
    /// `timeout` (a hang bound): how a test learns that the process reacted to a signal.
    func waitForLog(_ text: String, count: Int = 1, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while log.components(separatedBy: text).count - 1 < count {
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "\(name) never logged '\(text)'\n\(self)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Asks the process to stop (SIGTERM) and waits for it to exit; kills it after `timeout`.
    func terminate(timeout: Duration = .seconds(60)) async throws {
        guard process.isRunning else { return }
        send(SIGTERM, to: process.processIdentifier)
        guard await waitForExit(timeout: timeout) else {
            kill()
            throw Failure(description: "\(name) ignored SIGTERM for \(timeout)\n\(self)")
        }
    }

    /// Waits until the process exits, for at most `timeout`. Returns whether it did.
    func waitForExit(timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { [exited] group in
            group.addTask {
                for await _ in exited {}
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// How the process ended: `"exit N"`, `"signal N"`, or `"running"`.
    var ending: String {
        guard !process.isRunning else { return "running" }
        return process.terminationReason == .exit
            ? "exit \(process.terminationStatus)" : "signal \(process.terminationStatus)"
    }

    /// Everything the process has written so far, standard output and error.
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    var description: String {
        return "\(name) (\(baseURL), \(ending)), last log lines:\n"
            + log.split(separator: "\n").suffix(20).joined(separator: "\n")
    }
}

/// A TCP port of 127.0.0.1 that nothing listens on right now.
enum FreePort {
    /// Ports below Linux's ephemeral range (32768–60999 by default), which the kernel never
    /// hands to outgoing connections: a port taken from that range (by binding port 0) could be
    /// taken again by any test's client connection before the server binds it, and was once.
    static let candidates = 20_000..<32_768

    /// A port of ``candidates`` that 127.0.0.1 can bind now, chosen at random (checked by binding
    /// it, then closing the socket again).
    static func pick() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: candidates)
            if try canBind(port) { return port }
        }
        throw ServerReplica.Failure(description: "no free port in \(candidates)")
    }

    private static func canBind(_ port: Int) throws -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServerReplica.Failure(description: "socket(): errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// `kill(2)`, under a name the replica's own `kill()` does not hide.
private func send(_ signal: Int32, to process: pid_t) {
    _ = kill(process, signal)
}

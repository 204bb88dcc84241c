import Foundation
import Synchronization

/// A real SMTP server on 127.0.0.1 for e-mail tests: Python's aiosmtpd (Tests/smtp/sink.py), in
/// plain, STARTTLS or implicit-TLS mode, optionally requiring AUTH with given credentials and
/// answering `DATA` from a script (`451 …`, `550 …`, then `250`). It records every message it
/// is given, raw, with its envelope. Nothing is mocked: the server under test speaks SMTP over a
/// socket to it, and verifies its certificate against ``caFile``.
public final class SMTPSink: ChangeSignal {
    /// How the sink listens.
    public enum Mode: String, Sendable {
        case plain
        /// STARTTLS offered.
        case startTLS = "starttls"
        /// TLS from the first byte (`smtps://`).
        case implicitTLS = "tls"
    }

    /// What the sink does.
    public struct Options: Sendable {
        public var mode: Mode
        /// AUTH required, with this user and password.
        public var login: (user: String, password: String)?
        /// The AUTH mechanisms it offers.
        public var mechanisms = ["PLAIN", "LOGIN"]
        /// Its answers to `DATA`, in turn; `250 2.0.0 Ok: queued as …` after them.
        public var answers: [String] = []
        /// Recipients it refuses with `550`.
        public var rejected: [String] = []

        public init(
            mode: Mode = .plain, login: (user: String, password: String)? = nil, answers: [String] = [],
            rejected: [String] = []
        ) {
            self.mode = mode
            self.login = login
            self.answers = answers
            self.rejected = rejected
        }
    }

    /// One message as the sink got it.
    public struct Received: Sendable, Decodable {
        /// `MAIL FROM`.
        public let mailFrom: String
        /// The `RCPT TO`s it accepted.
        public let recipients: [String]
        /// The message's bytes (dot-stuffing undone, as SMTP defines the data).
        public let data: Data
        /// Whether it came over TLS.
        public let tls: Bool
        /// Who logged in, if anyone.
        public let user: String?
        /// What the sink answered.
        public let answer: String

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", recipients = "rcpt_tos", data, tls, user, answer
        }

        /// The message as text.
        public var text: String { String(decoding: data, as: UTF8.self) }

        /// The mail as a reader's program parses it.
        public var mail: ParsedMail { ParsedMail(text) }
    }

    private let state = Mutex<(port: Int?, lines: UInt64, received: [Received])>((nil, 0, []))
    private let arrivals = Mutex<[CheckedContinuation<Void, Never>]>([])
    /// The CA certificate (PEM) the server must trust: `--smtp-ca-file`.
    public let caFile: String

    private init(caFile: String) {
        self.caFile = caFile
    }

    /// The port it listens on.
    public var port: Int { state.withLock { $0.port ?? 0 } }

    /// `smtp://user:password@127.0.0.1:port` and the like; the user and password are
    /// percent-encoded.
    public func url(
        scheme: String = "smtp", user: String? = nil, password: String? = nil, query: String = ""
    )
        -> String
    {
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let login = user.map { encode($0) + (password.map { ":" + encode($0) } ?? "") + "@" } ?? ""
        return "\(scheme)://\(login)127.0.0.1:\(port)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// Every message so far.
    public var received: [Received] { state.withLock { $0.received } }

    /// Waits until at least `count` messages have arrived (two minutes at most, then throws).
    public func waitFor(_ count: Int) async throws -> [Received] {
        try await value({ received }, until: { $0.count >= count })
    }

    /// Moves on with each line the sink prints.
    public var generation: UInt64 { state.withLock { $0.lines } }

    public func wait(after generation: UInt64, timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    if self.generation > generation {
                        continuation.resume()
                    } else {
                        self.arrivals.withLock { $0.append(continuation) }
                    }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            self.wakeAll()
        }
    }

    private func wakeAll() {
        for waiter in arrivals.withLock({ waiters in
            defer { waiters.removeAll() }
            return waiters
        }) { waiter.resume() }
    }

    /// Takes one line of the sink's output: its port, or a message.
    private func take(_ line: Data) {
        struct Port: Decodable { let port: Int }
        if let port = try? JSONDecoder().decode(Port.self, from: line) {
            state.withLock { $0.port = port.port }
        } else if let message = try? JSONDecoder().decode(Received.self, from: line) {
            state.withLock { $0.received.append(message) }
        }
        state.withLock { $0.lines += 1 }
        wakeAll()
    }

    /// Starts the sink; its output is read on a thread of its own until it exits. Closing
    /// `input` stops it.
    private func start(_ options: Options, input: Pipe) throws -> Process {
        var config: [String: Any] = [
            "mode": options.mode.rawValue, "cert": Self.certificate.cert, "key": Self.certificate.key,
            "auth_mechanisms": options.mechanisms, "answers": options.answers, "reject": options.rejected,
        ]
        if let login = options.login { config["auth"] = "\(login.user):\(login.password)" }
        let argument = String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore", Self.script.path, argument]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    take(pending[pending.startIndex..<newline])
                    pending = Data(pending[(newline + 1)...])
                }
            }
            take(Data())
        }
        return process
    }

    /// Runs a sink while `body` runs.
    public static func with<Value: Sendable>(
        _ options: Options = Options(), _ body: @Sendable (SMTPSink) async throws -> Value
    ) async throws -> Value {
        let sink = SMTPSink(caFile: certificate.cert)
        let input = Pipe()
        let process = try sink.start(options, input: input)
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        _ = try await sink.value(within: .seconds(60)) { sink.state.withLock { $0.port } }
        return try await body(sink)
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("smtp/sink.py")

    /// A self-signed certificate for 127.0.0.1, made once per test process with `openssl req`.
    static let certificate: (cert: String, key: String) = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-smtp-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cert = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try? openssl.run()
        openssl.waitUntilExit()
        return (cert, key)
    }()
}

import Foundation
import TestSupport
import Testing

/// Holds the server's live answers against `schema/openapi.yaml`, so the document cannot drift
/// from the server: `ContractExchanges` sends requests to every route of a live server (and of
/// one whose database is down), the exchanges are written to a file, and
/// `Tests/contract/validate_responses.py` checks each status, content type, header and response
/// line against the document, and that the routes registered, documented and exercised agree.
@Suite struct ContractConformanceTests {
    static let validator = TestServer.repositoryRoot.appendingPathComponent("Tests/contract/validate_responses.py")

    @Test func everyAnswerOfEveryRouteIsOneTheDocumentDescribes() async throws {
        let log = ContractLog()
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        let notifications = try RunningDeliverer.localSettings()
        try await WebhookReceiver.with { receiver in
            try await server.runLive(headerTimeout: .seconds(30), heartbeat: .seconds(1), notifications: notifications)
            {
                port in
                try await RunningScheduler.with(server.database, time: time) { running in
                    try await RunningDeliverer.with(server.database, settings: notifications) {
                        let api = ContractClient(base: "http://127.0.0.1:\(port)", log: log)
                        try await ContractExchanges(api: api, server: server, scheduler: running, receiver: receiver)
                            .all()
                    }
                }
            }
        }
        try await ContractExchanges.outage(log: log)

        let registered = try OpenAPIDocumentTests.registeredEndpoints().map(\.description)
        // OPSLINE_CONTRACT_EXCHANGES=<file> keeps the exchanges, to run the validator on them by hand.
        let kept = ProcessInfo.processInfo.environment["OPSLINE_CONTRACT_EXCHANGES"].map(URL.init(fileURLWithPath:))
        let file =
            kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("opsline-contract-\(getpid()).json")
        try log.json(registered: registered).write(to: file)
        defer { if kept == nil { try? FileManager.default.removeItem(at: file) } }
        let (status, output) = try Self.validate(file)
        let mismatches = output.split(separator: "\n").filter { $0.hasPrefix("- ") }
        if status != 0 && mismatches.isEmpty {
            Issue.record(
                "validate_responses.py exited \(status) (it needs Python 3 with jsonschema and PyYAML: bash deploy/setup.sh): \(output)"
            )
        }
        for mismatch in mismatches { Issue.record("\(mismatch.dropFirst(2))") }
    }

    /// Runs the validator on the exchanges in `file`.
    /// - Returns: Its exit status and what it wrote (standard output and error).
    static func validate(_ file: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", validator.path, OpenAPIDocumentTests.documentURL.path, file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

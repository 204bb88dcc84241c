import Foundation
import TestSupport
import Testing
@testable import Workflow

/// `opsline serve --smtp-url … --smtp-from … --smtp-ca-file …` as an operator starts it: the
/// server sends e-mail through the relay its flags name (a real one on 127.0.0.1, over STARTTLS
/// with AUTH), and its password shows up nowhere the operator's log collector would keep it.
@Suite struct EmailServeTests {
    static let secret = "email-serve-admin"
    static let password = "Sup3r-Secret-relay-pw"

    @Test func serveSendsEMailThroughTheRelayOfItsFlagsAndNeverLogsThePassword() async throws {
        try await SMTPSink.with(SMTPSink.Options(mode: .startTLS, login: ("ops", Self.password))) { sink in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-mail-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try SLADrill.workflow(named: "mail-drill", key: "MLD").write(
                to: folder.appendingPathComponent("mail-drill.yaml"), atomically: true, encoding: .utf8)
            let replica = try ServerReplica(
                name: "mailer", database: .url(try await TestCluster.shared.makeDatabase()), workflows: folder,
                adminSecret: Self.secret,
                arguments: [
                    "--smtp-url", sink.url(user: "ops", password: Self.password, query: "starttls=required"),
                    "--smtp-from", "Opsline <opsline@example.com>", "--smtp-ca-file", sink.caFile,
                ])
            try await replica.waitUntilReady()
            _ = try await replica.request(
                "/v1/subscriptions",
                body:
                    #"{"name":"new-work","team":"support","events":["created"],"channel":{"type":"email","to":["desk@example.com"]}}"#,
                token: Self.secret)
            let created = try await replica.request(
                "/v1/tasks", body: #"{"workflow":"mail-drill","title":"Printer on fire"}"#, token: Self.secret)
            let task = try #require(created.first?["id"]?.stringValue)
            let mail = try #require(try await sink.waitFor(1).first)
            #expect(mail.tls && mail.user == "ops" && mail.recipients == ["desk@example.com"])
            #expect(mail.mail.header("Subject") == "New mail-drill: \(task) — Printer on fire")
            let log = try await sink.value {
                let lines = try await replica.request("/v1/deliveries", token: Self.secret)
                return lines.first?["state"] == "delivered" ? lines : nil
            }
            #expect(log.first?["last_status"] == 250)
            try await replica.terminate()
            #expect(replica.log.contains("smtp://ops:***@127.0.0.1:\(sink.port)"), "\(replica)")
            #expect(!replica.log.contains(Self.password), "\(replica)")
        }
    }

    @Test func aBadRelayURLStopsServeWithoutShowingItsPassword() async throws {
        for arguments in [
            ["--smtp-url", "ftp://ops:\(Self.password)@mail.example.com", "--smtp-from", "opsline@example.com"],
            ["--smtp-url", "smtp://ops:\(Self.password)@mail.example.com"],
        ] {
            let result = try await CLIProcess().run(["serve", "--listen", "127.0.0.1:1"] + arguments)
            #expect(result.status != 0 && result.stderr.contains("--smtp-"), "\(result.stderr)")
            #expect(!result.stderr.contains(Self.password) && !result.stdout.contains(Self.password))
        }
    }
}

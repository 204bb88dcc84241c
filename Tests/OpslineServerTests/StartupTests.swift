import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport

@testable import OpslineServer

@Suite struct StartupTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "opsline-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aBrokenWorkflowFileStopsStartUpWithFileAndLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = """
            workflow: broken
            key: BRK
            team: support
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: dnoe}
            """
        try broken.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: ServerStartupError.self) { try WorkflowDirectory(url: folder) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix(folder.appendingPathComponent("broken.yaml").path + ":8: "), "\(message)")
        #expect(message.contains("dnoe"))
    }

    @Test func aBillionLaughsInTheFolderStopsStartUpAtOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = ["workflow: laughs", "a0: &a0 [lol]"]
        for level in 1...9 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]")
        }
        let laughs = (lines + ["bomb:", "  ? *a9", "  : boom"]).joined(separator: "\n") + "\n"
        for name in ["laughs.yaml", "calendars.yaml"] {
            try laughs.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let started = ContinuousClock.now
        let error = #expect(throws: ServerStartupError.self) { try WorkflowDirectory(url: folder) }
        let message = error?.description ?? ""
        #expect(
            message.contains(folder.appendingPathComponent("laughs.yaml").path + ":7: the alias '*a4'"), "\(message)")
        #expect(message.contains(folder.appendingPathComponent("calendars.yaml").path + ":7: "), "\(message)")
        #expect(throws: ServerStartupError.self) { try CalendarFile.load(from: folder) }
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aBrokenFolderStopsStartUpListingEveryProblem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let typo = """
            workflow: typo
            key: TYP
            team: support
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: dnoe}
            """
        let orphan = """
            workflow: orphan
            key: ORP
            team: support
            calendar: office-hours
            states:
              open:
                initial: true
                on_enter: {spawn: [{workflow: missing, title: Gone}]}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """
        try typo.write(to: folder.appendingPathComponent("typo.yaml"), atomically: true, encoding: .utf8)
        try orphan.write(to: folder.appendingPathComponent("orphan.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: ServerStartupError.self) { try WorkflowDirectory(url: folder) }
        let lines = (error?.description ?? "").split(separator: "\n").map(String.init)
        let orphanPath = folder.appendingPathComponent("orphan.yaml").path
        let typoPath = folder.appendingPathComponent("typo.yaml").path
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.hasPrefix("\(orphanPath):4: calendar 'office-hours' is not defined") == true, "\(lines)")
        #expect(lines.contains("\(orphanPath):8: state 'open' spawns unknown workflow 'missing'"), "\(lines)")
        #expect(lines.last == "\(typoPath):8: transition 'finish' goes to unknown state 'dnoe'", "\(lines)")
    }

    @Test func theShippedFolderPublishesOnceAndKeepsItsVersionsOnTheNextStart() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase())
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        let folder = try WorkflowDirectory(url: TestServer.repositoryRoot.appendingPathComponent("workflows"))
        #expect(folder.calendars.contains("24x7"))
        let first = try await folder.publish(to: database.workflows)
        #expect(!first.isEmpty && first.allSatisfy { $0.isNewVersion && $0.workflow.version == 1 })
        let second = try await folder.publish(to: database.workflows)
        #expect(second.count == first.count)
        #expect(second.allSatisfy { !$0.isNewVersion && $0.workflow.version == 1 })
        await pool.close()
    }

    @Test func twoFilesDefiningOneWorkflowAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try String(
            contentsOf: TestServer.repositoryRoot.appendingPathComponent("workflows/complaint-escalation.yaml"),
            encoding: .utf8)
        try source.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try source.write(to: folder.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ServerStartupError.self) { try WorkflowDirectory(url: folder) }
    }

    @Test func theFirstStartWritesAnAdminTokenThatWorksAndIsKept() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase())
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await AdminToken.bootstrap(
            configured: nil, tokens: database.tokens, dataDirectory: folder, logger: .init(label: "test"))
        let file = folder.appendingPathComponent("admin-token")
        let secret = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try await database.tokens.authenticate(TokenSecret(secret))?.isAdmin == true)
        // A second start keeps the token instead of minting another.
        try await AdminToken.bootstrap(
            configured: nil, tokens: database.tokens, dataDirectory: folder, logger: .init(label: "test"))
        #expect(try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == secret)
        // The stored hash is not the secret.
        let stored = try await pool.withConnection {
            try await $0.query(
                "SELECT count(*) AS n FROM api_tokens WHERE position($1::bytea IN secret_hash) > 0",
                [
                    PostgresBytes(Array(secret.utf8))
                ]
            ).first!.decode("n", as: Int.self)
        }
        #expect(stored == 0)
        await pool.close()
    }

    @Test func aConfiguredAdminSecretBecomesAToken() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase())
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await AdminToken.bootstrap(
            configured: "chosen-secret", tokens: database.tokens, dataDirectory: folder, logger: .init(label: "test"))
        try await AdminToken.bootstrap(
            configured: "chosen-secret", tokens: database.tokens, dataDirectory: folder, logger: .init(label: "test"))
        #expect(try await database.tokens.authenticate(TokenSecret("chosen-secret"))?.isAdmin == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("admin-token").path))
        await pool.close()
    }
}

import Foundation
import Testing
import Workflow

/// Tokens end to end through the built `opsline` executable against a live server: an admin
/// creates a token, its owner uses it, the admin revokes it, and it stops working.
@Suite("opsline token, whoami and login against a live server")
struct TokenCLITests {
    @Test func aCreatedTokenWorksUntilItIsRevoked() async throws {
        try await LiveServer.run { url in
            let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)

            let created = try await admin.run(
                "token", "create", "--name", "alice", "--role", "member", "--team", "support",
                "--expires-in", "30d", "-o", "json")
            try #require(created.status == 0, "\(created)")
            let token = try #require(Self.object(created.stdout), "\(created)")
            let id = try #require(token["id"]?.stringValue, "\(created)")
            let secret = try #require(token["secret"]?.stringValue, "\(created)")
            #expect(created.stdout.components(separatedBy: secret).count == 2, "the secret is printed once")
            #expect(created.stderr.contains("not shown again") || created.stderr.contains("only time"), "\(created)")
            #expect(token["expires_at"]?.stringValue != nil, "\(created)")

            let alice = admin.with(token: secret)
            let whoami = try await alice.run("whoami")
            #expect(whoami.status == 0, "\(whoami)")
            #expect(whoami.stdout.contains("alice") && whoami.stdout.contains("member"), "\(whoami)")
            #expect(whoami.stdout.contains("support"), "\(whoami)")
            let me = try await alice.run("whoami", "-o", "ndjson")
            #expect(Self.object(me.stdout)?["token"]?.stringValue == id, "\(me)")

            let forbidden = try await alice.run("token", "list")
            #expect(forbidden.status == 3, "\(forbidden)")
            #expect(forbidden.stderr.contains("forbidden"), "\(forbidden)")

            let listed = try await admin.run("token", "list")
            #expect(listed.status == 0, "\(listed)")
            #expect(listed.stdout.contains(id) && !listed.stdout.contains(secret), "\(listed)")
            #expect(listed.stdoutLines.first?.hasPrefix("ID") == true, "\(listed)")

            let revoked = try await admin.run("token", "revoke", id)
            #expect(revoked.status == 0, "\(revoked)")
            #expect(revoked.stdout.contains("revoked"), "\(revoked)")

            let after = try await alice.run("whoami")
            #expect(after.status == 3, "\(after)")
            #expect(after.stderr.contains("unauthenticated"), "\(after)")

            let unknown = try await admin.run("token", "revoke", "tok_nope")
            #expect(unknown.status == 4, "\(unknown)")
        }
    }

    @Test func loginChecksTheTokenAndSavesItForLaterCommands() async throws {
        try await LiveServer.run { url in
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-home-\(UUID())")
            defer { try? FileManager.default.removeItem(at: home) }
            var cli = try CLIProcess()
            cli.home = home

            let refused = try await cli.run("login", "--server", url, "--token", "not-a-token")
            #expect(refused.status == 3, "\(refused)")
            let configPath = home.appendingPathComponent(".config/opsline/config.yaml").path
            #expect(!FileManager.default.fileExists(atPath: configPath), "a refused token is not saved")

            cli.input = LiveServer.adminSecret + "\n"
            let login = try await cli.run("login", "--server", url)
            #expect(login.status == 0, "\(login)")
            #expect(login.stdout.contains("admin"), "\(login)")
            let attributes = try FileManager.default.attributesOfItem(atPath: configPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            cli.input = nil
            let whoami = try await cli.run("whoami", "-o", "json")
            #expect(whoami.status == 0, "\(whoami)")
            #expect(Self.object(whoami.stdout)?["role"]?.stringValue == "admin", "\(whoami)")
        }
    }

    @Test func bothExpiryOptionsAtOnceAreAUsageError() async throws {
        let cli = try CLIProcess(serverURL: "http://127.0.0.1:1", token: LiveServer.adminSecret)
        let result = try await cli.run(
            "token", "create", "--name", "x", "--role", "viewer", "--team", "support",
            "--expires-in", "1d", "--expires-at", "2999-01-01T00:00:00Z")
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    /// `text` as a JSON object, or `nil` when it is not one.
    private static func object(_ text: String) -> [String: JSONValue]? {
        try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }
}

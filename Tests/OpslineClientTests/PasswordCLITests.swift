import Foundation
import Testing
import Workflow

/// `opsline user passwd`: the password comes from standard input (or a prompt that does not
/// echo), never from an argument.
@Suite("opsline user passwd against a live server")
struct PasswordCLITests {
    @Test func aPasswordIsReadFromStandardInputNeverFromAnArgument() async throws {
        try await LiveServer.run { url in
            let admin = try CLIProcess(serverURL: url, token: LiveServer.adminSecret)
            let mia = try await admin.person("mia")

            var piped = admin
            piped.input = "a long password\n"
            let set = try await piped.run("user", "passwd", "mia")
            #expect(set.status == 0 && set.stdout.contains("Set the password of mia."), "\(set)")
            #expect(!set.stdout.contains("a long password") && !set.stderr.contains("a long password"))

            var nothing = admin
            nothing.input = ""
            let missing = try await nothing.run("user", "passwd", "mia")
            #expect(missing.status != 0 && missing.stderr.contains("no password given"), "\(missing)")
            let asArgument = try await admin.run("user", "passwd", "mia", "a long password")
            #expect(asArgument.status == 64, "\(asArgument)")

            // Her own: the current password first, then the new one.
            var own = mia
            own.input = "a long password\nher new password\n"
            let changed = try await own.run("user", "passwd", "mia", "--current")
            #expect(changed.status == 0, "\(changed)")
            own.input = "a long password\nyet another one\n"
            let stale = try await own.run("user", "passwd", "mia", "--current")
            #expect(stale.status != 0 && stale.stderr.contains("current_password"), "\(stale)")
            own.input = "without the current one\n"
            let without = try await own.run("user", "passwd", "mia")
            #expect(without.status != 0 && without.stderr.contains("current_password"), "\(without)")
        }
    }
}

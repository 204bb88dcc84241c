import Foundation
import Testing
import Workflow

extension CLIProcess {
    /// Creates user `name` with `role` in each of `teams` (run as an admin), mints a personal
    /// token of theirs, and returns a runner acting as them: the CLI a team member has after
    /// `opsline login`.
    func person(_ name: String, teams: [String] = ["support"], role: String = "member") async throws -> CLIProcess {
        let memberships = teams.flatMap { ["--team", "\($0)=\(role)"] }
        let user = try await run(["user", "create", name] + memberships)
        try #require(user.status == 0, "\(user)")
        let token = try await run("token", "create", "--user", name, "-o", "json")
        try #require(token.status == 0, "\(token)")
        let secret = try #require(JSONValue(parsing: token.stdout)?["secret"]?.stringValue, "\(token)")
        return with(token: secret)
    }
}

import Foundation
import OpslineStore

extension TestServer {
    /// Makes sure each of `teams` exists.
    func addTeams(_ teams: String...) async throws {
        for team in teams {
            do {
                _ = try await database.people.createTeam(name: team, title: nil)
            } catch PeopleError.duplicate {
                continue
            }
        }
    }

    /// Creates user `name` with a role in each of `teams` (created when missing).
    @discardableResult
    func addUser(_ name: String, _ teams: [String: Role] = [:], admin: Bool = false) async throws -> User {
        for team in teams.keys { try await addTeams(team) }
        var user = NewUser(name: name)
        user.isAdmin = admin
        user.memberships = teams.sorted { $0.key < $1.key }.map { TeamRole(team: $0.key, role: $0.value) }
        return try await database.people.createUser(user)
    }

    /// A personal token of `user`; returns its secret.
    func mintPersonal(_ user: String) async throws -> String {
        try await database.tokens.createPersonal(name: nil, user: user).secret.value
    }
}

extension TestServer {
    /// A person's token: creates user `name` with `role` in each of `teams` and returns the
    /// secret of a personal token of theirs — the caller a member's CLI is.
    func mintPerson(_ role: Role, teams: [String], name: String) async throws -> String {
        try await addUser(name, Dictionary(uniqueKeysWithValues: teams.map { ($0, role) }))
        return try await mintPersonal(name)
    }
}

import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport

@Suite struct TokenStoreTests {
    func prepared() async throws -> OpslineDatabase {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 4)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        return database
    }

    @Test func aCreatedTokenAuthenticatesAndOnlyItsHashIsStored() async throws {
        let database = try await prepared()
        let (token, secret) = try await database.tokens.create(
            name: " alice ", role: .member, teams: ["support", "billing", "support"])
        #expect(token.id.hasPrefix("tok_"))
        #expect(token.name == "alice", "names are trimmed")
        #expect(token.teams == ["support", "billing"])
        #expect(token.expiresAt == nil && token.revokedAt == nil && token.lastUsedAt == nil)
        #expect(secret.value.hasPrefix("opl_") && secret.value.count == 44)

        let principal = try await database.tokens.authenticate(secret)
        #expect(principal == token.principal)
        #expect(try await database.tokens.authenticate(TokenSecret("opl_wrong")) == nil)

        let rows = try await database.pool.withConnection {
            try await $0.query("SELECT row_to_json(t)::text AS row FROM api_tokens t").rows
        }
        let stored = try rows.map { try $0.decode("row", as: String.self) }.joined()
        #expect(!stored.contains(secret.value), "the secret itself is nowhere in the table")
        await database.pool.close()
    }

    @Test func listingShowsEveryTokenOldestFirstAcrossPages() async throws {
        let database = try await prepared()
        var ids: [String] = []
        for index in 0..<130 {
            ids.append(try await database.tokens.create(name: "t\(index)", role: .viewer, teams: ["ops"]).token.id)
        }
        try await database.tokens.revoke(id: ids[3])
        let listed = try await Array(database.tokens.list())
        #expect(listed.count == 130)
        #expect(Set(listed.map(\.id)) == Set(ids))
        #expect(listed.map(\.createdAt) == listed.map(\.createdAt).sorted())
        #expect(listed.first { $0.id == ids[3] }?.revokedAt != nil, "revoked tokens are listed too")
        await database.pool.close()
    }

    @Test func aRevokedTokenNoLongerAuthenticates() async throws {
        let database = try await prepared()
        let (token, secret) = try await database.tokens.create(name: "bot", role: .service, teams: ["support"])
        #expect(try await database.tokens.authenticate(secret) != nil)
        let revoked = try await database.tokens.revoke(id: token.id)
        #expect(revoked.revokedAt != nil)
        #expect(!revoked.isActive())
        #expect(try await database.tokens.authenticate(secret) == nil)
        let again = try await database.tokens.revoke(id: token.id)
        #expect(again.revokedAt == revoked.revokedAt, "a second revocation keeps the first time")
        await #expect(throws: TokenError.notFound("tok_missing")) {
            try await database.tokens.revoke(id: "tok_missing")
        }
        await database.pool.close()
    }

    /// The lookup itself refuses an expired token (no cache: the row changes behind its back).
    @Test func anExpiredTokenDoesNotAuthenticate() async throws {
        let database = try await prepared()
        let tokens = TokenStore(pool: database.pool, cacheLifetime: .zero)
        let (token, secret) = try await tokens.create(
            name: "temp", role: .viewer, teams: ["support"], expiresAt: Date().addingTimeInterval(3600))
        #expect(try await tokens.authenticate(secret) != nil)
        try await database.pool.withConnection {
            try await $0.query(
                "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [token.id])
        }
        #expect(try await tokens.authenticate(secret) == nil)
        let listed = try await Array(database.tokens.list())
        #expect(listed.first { $0.id == token.id }.map { $0.isActive() } == false)
        await database.pool.close()
    }

    @Test func usingATokenStampsLastUsedAt() async throws {
        let database = try await prepared()
        let (token, secret) = try await database.tokens.create(name: "used", role: .viewer, teams: ["support"])
        _ = try await database.tokens.authenticate(secret)
        let listed = try await Array(database.tokens.list())
        #expect(listed.first { $0.id == token.id }?.lastUsedAt != nil)
        await database.pool.close()
    }

    @Test func onlyActiveAdminTokensCountAsAnAdmin() async throws {
        let database = try await prepared()
        #expect(try await database.tokens.hasAdmin() == false)
        let admin = try await database.tokens.create(name: "root", role: .admin, teams: []).token
        #expect(try await database.tokens.hasAdmin())
        try await database.tokens.revoke(id: admin.id)
        #expect(try await database.tokens.hasAdmin() == false)
        await database.pool.close()
    }

    @Test(arguments: [
        ("", Role.viewer, ["support"], "name"),
        ("x", .viewer, ["Support"], "teams"),
        ("x", .viewer, ["sup port"], "teams"),
        ("x", .viewer, [""], "teams"),
        ("x", .member, [], "teams"),
        ("line\nbreak", .viewer, ["support"], "name"),
    ])
    func badNamesAndTeamsAreRefused(name: String, role: Role, teams: [String], field: String) async throws {
        let database = try await prepared()
        let error = await #expect(throws: TokenError.self) {
            try await database.tokens.create(name: name, role: role, teams: teams)
        }
        guard case .invalid(let refused, _)? = error else {
            Issue.record("expected invalid, got \(String(describing: error))")
            return
        }
        #expect(refused == field)
        #expect(try await Array(database.tokens.list()).isEmpty, "nothing was stored")
        await database.pool.close()
    }

    @Test func anExpiryInThePastIsRefused() async throws {
        let database = try await prepared()
        await #expect(throws: TokenError.invalid(field: "expires_at", problem: "must be in the future")) {
            try await database.tokens.create(
                name: "late", role: .viewer, teams: ["support"], expiresAt: Date().addingTimeInterval(-1))
        }
        await database.pool.close()
    }

    /// Within its lifetime a cached token is not looked up again: the cache answers even after
    /// the row is gone, until it is told to forget.
    @Test func theCacheAnswersUntilItForgets() async throws {
        let database = try await prepared()
        let tokens = TokenStore(pool: database.pool, cacheLifetime: .seconds(3600))
        let (token, secret) = try await tokens.create(name: "bot", role: .service, teams: ["support"])
        #expect(try await tokens.authenticate(secret)?.tokenID == token.id)
        try await database.pool.withConnection {
            try await $0.query("DELETE FROM api_tokens WHERE id = $1", [token.id])
        }
        #expect(try await tokens.authenticate(secret)?.tokenID == token.id)
        tokens.forgetCachedPrincipals()
        #expect(try await tokens.authenticate(secret) == nil)

        let uncached = TokenStore(pool: database.pool, cacheLifetime: .zero)
        let (_, other) = try await uncached.create(name: "bot2", role: .service, teams: ["support"])
        #expect(try await uncached.authenticate(other) != nil)
        try await database.pool.withConnection { try await $0.query("DELETE FROM api_tokens WHERE name = 'bot2'") }
        #expect(try await uncached.authenticate(other) == nil, "a zero lifetime asks every time")
        await database.pool.close()
    }
}

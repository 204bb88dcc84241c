import Foundation
import OpslineStore
import Postgres
import Testing
import TestSupport

@testable import OpslineServer

@Suite struct TokenCacheInvalidatorTests {
    /// Two replicas on one database, each trusting a resolved token for an hour: a revocation on
    /// one reaches the other through `NotifyChannel.tokens`, not through the cache running out.
    @Test func aTokenRevokedOnOneReplicaIsRefusedByAnotherThatHadCachedIt() async throws {
        let conninfo = try await TestCluster.shared.makeDatabase()
        let database = try OpslineDatabase(pool: PostgresPool(conninfo: conninfo, maximumConnections: 2))
        try await database.prepare()
        let revoking = TokenStore(pool: database.pool, cacheLifetime: .seconds(3600))
        let otherPool = PostgresPool(conninfo: conninfo, maximumConnections: 2)
        let other = TokenStore(pool: otherPool, cacheLifetime: .seconds(3600))
        let (token, secret) = try await revoking.create(name: "crm", role: .service, teams: ["support"])

        let signal = EventSignal(conninfo: conninfo, channel: .tokens)
        let invalidator = TokenCacheInvalidator(signal: signal, tokens: other)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await signal.run() }
            group.addTask { try await invalidator.run() }
            // The listener's first connection also empties the cache; let it happen first, so
            // that only the revocation's NOTIFY can empty it below.
            await signal.listening()
            #expect(try await other.authenticate(secret)?.tokenID == token.id)
            try await revoking.revoke(id: token.id)
            #expect(try await revoking.authenticate(secret) == nil, "the revoking replica refuses it at once")
            // Waits on the revocation channel: the other replica refuses the token once it hears.
            let refused = try await signal.value { try await other.authenticate(secret) == nil ? true : nil }
            #expect(refused)
            group.cancelAll()
        }
        await otherPool.close()
        await database.pool.close()
    }
}

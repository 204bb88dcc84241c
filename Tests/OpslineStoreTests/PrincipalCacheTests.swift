import Foundation
import Testing

@testable import OpslineStore

@Suite struct PrincipalCacheTests {
    let alice = Principal(tokenID: "tok_a", name: "alice", role: .member, teams: ["support"])
    let hash: [UInt8] = [1, 2, 3]
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anEntryIsTrustedForItsLifetimeOnly() {
        let cache = PrincipalCache(lifetime: 10)
        cache.remember(alice, for: hash, expiresAt: nil, readAt: cache.generation, at: start)
        #expect(cache.principal(for: hash, at: start.addingTimeInterval(9)) == alice)
        #expect(cache.principal(for: hash, at: start.addingTimeInterval(11)) == nil)
        #expect(cache.principal(for: [9], at: start) == nil)
    }

    @Test func anEntryNeverOutlivesItsTokensExpiry() {
        let cache = PrincipalCache(lifetime: 3600)
        cache.remember(alice, for: hash, expiresAt: start.addingTimeInterval(2), readAt: cache.generation, at: start)
        #expect(cache.principal(for: hash, at: start.addingTimeInterval(1)) == alice)
        #expect(cache.principal(for: hash, at: start.addingTimeInterval(2)) == nil)
    }

    @Test func aZeroLifetimeCachesNothing() {
        let cache = PrincipalCache(lifetime: 0)
        cache.remember(alice, for: hash, expiresAt: nil, readAt: cache.generation, at: start)
        #expect(cache.principal(for: hash, at: start) == nil)
    }

    @Test func aFullCacheStartsAgainRatherThanGrowing() {
        let cache = PrincipalCache(lifetime: 60, capacity: 2)
        cache.remember(alice, for: [1], expiresAt: nil, readAt: cache.generation, at: start)
        cache.remember(alice, for: [2], expiresAt: nil, readAt: cache.generation, at: start)
        cache.remember(alice, for: [3], expiresAt: nil, readAt: cache.generation, at: start)
        #expect(cache.principal(for: [1], at: start) == nil)
        #expect(cache.principal(for: [3], at: start) == alice)
        cache.removeAll()
        #expect(cache.principal(for: [3], at: start) == nil)
    }

    /// A lookup that read the database before a revocation emptied the cache does not put the
    /// (maybe revoked) token back.
    @Test func aLookupOlderThanTheLastEmptyingIsNotRemembered() {
        let cache = PrincipalCache(lifetime: 60)
        let before = cache.generation
        cache.removeAll()
        cache.remember(alice, for: hash, expiresAt: nil, readAt: before, at: start)
        #expect(cache.principal(for: hash, at: start) == nil)
        cache.remember(alice, for: hash, expiresAt: nil, readAt: cache.generation, at: start)
        #expect(cache.principal(for: hash, at: start) == alice)
    }
}

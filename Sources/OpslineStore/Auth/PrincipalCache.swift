import Foundation
import Synchronization

/// Principals of recently seen secrets, keyed by the secret's hash, so that a busy client's
/// requests do not each cost a round trip to `api_tokens`.
///
/// An entry lives `lifetime` at most, and never past its token's expiry. Revoking a token
/// empties the cache of the replica that revoked it at once, and of the other replicas when its
/// ``NotifyChannel/tokens`` notification arrives (``TokenStore/forgetCachedPrincipals()``); if that notification
/// is lost, `lifetime` bounds how long a revoked token keeps working there. Unknown secrets are
/// never cached, so guessing cannot fill the cache.
final class PrincipalCache: Sendable {
    private struct Entry {
        let principal: Principal
        let validUntil: Date
    }

    private struct State {
        var entries: [[UInt8]: Entry] = [:]
        /// Moves on at every `removeAll()`: a lookup that started before it must not remember
        /// what it read, which may be a token revoked meanwhile.
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    private let lifetime: TimeInterval
    private let capacity: Int

    /// - Parameters:
    ///   - lifetime: The longest an entry is trusted; zero turns the cache off.
    ///   - capacity: The most entries kept; a full cache starts again empty.
    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The principal cached under `hash`, if it is still valid at `now`.
    func principal(for hash: [UInt8], at now: Date) -> Principal? {
        state.withLock { state in
            guard let entry = state.entries[hash] else { return nil }
            guard entry.validUntil > now else {
                state.entries[hash] = nil
                return nil
            }
            return entry.principal
        }
    }

    /// Pass to `remember` what this was when the database lookup began.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Remembers `principal` for `hash` until `lifetime` from `now` or `expiresAt`, whichever
    /// comes first, unless the cache was emptied since `generation` (the lookup may have read a
    /// token that was being revoked).
    func remember(
        _ principal: Principal, for hash: [UInt8], expiresAt: Date?, readAt generation: UInt64, at now: Date
    ) {
        guard lifetime > 0 else { return }
        let validUntil = min(now.addingTimeInterval(lifetime), expiresAt ?? .distantFuture)
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = Entry(principal: principal, validUntil: validUntil)
        }
    }

    /// Forgets every entry, and what lookups under way would remember.
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation &+= 1
        }
    }
}

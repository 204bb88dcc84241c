import Foundation
import Synchronization

/// Principals of recently seen secrets, keyed by the secret's hash, so that a busy client's
/// requests do not each cost a round trip to `api_tokens`.
///
/// An entry lives `lifetime` at most, and never past its token's expiry. Revoking a token
/// empties the cache of the replica that revoked it at once, and of the other replicas when its
/// `NOTIFY opsline_tokens` arrives (``TokenStore/forgetCachedPrincipals()``); if that notification
/// is lost, `lifetime` bounds how long a revoked token keeps working there. Unknown secrets are
/// never cached, so guessing cannot fill the cache.
final class PrincipalCache: Sendable {
    private struct Entry {
        let principal: Principal
        let validUntil: Date
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
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
    func principal(for hash: [UInt8], at now: Date = Date()) -> Principal? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.validUntil > now else {
                entries[hash] = nil
                return nil
            }
            return entry.principal
        }
    }

    /// Remembers `principal` for `hash` until `lifetime` from `now` or `expiresAt`, whichever comes first.
    func remember(_ principal: Principal, for hash: [UInt8], expiresAt: Date?, at now: Date = Date()) {
        guard lifetime > 0 else { return }
        let validUntil = min(now.addingTimeInterval(lifetime), expiresAt ?? .distantFuture)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(principal: principal, validUntil: validUntil)
        }
    }

    /// Forgets every entry.
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}

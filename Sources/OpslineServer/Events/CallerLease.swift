import Foundation
import OpslineStore
import Workflow

/// How long a response that outlives its request — a followed event stream — may go on writing
/// for its caller: until the caller's token expires or is revoked, or its user is disabled.
///
/// A request is authenticated once, when it arrives; a stream may then be written for hours. The
/// lease ends it the way a new request would be refused: at the token's expiry (on the server's
/// clock, which a test moves), and as soon as a revocation is announced on
/// ``NotifyChannel/tokens`` (`revocations`), from this server or another sharing the database
/// (disabling a user, or changing a user's memberships, is announced there too). The
/// announcement is not read, so each lease then asks the database about its own token, bypassing
/// the cache of resolved secrets, which may not have been emptied yet, and takes the caller as it
/// is now (a personal token's user's teams may have changed). The
/// listening connection fires the signal when it (re)connects too, so a revocation missed while
/// it was down is caught then.
struct CallerLease: StreamLease {
    /// Who the stream is written for, as of the last check.
    private(set) var caller: Principal
    private let tokens: TokenStore
    private let revocations: EventSignal?
    private let clock: OpslineClock
    /// The revocation signal's generation when the token was last known to authenticate.
    private var checkedGeneration: UInt64
    /// When the token expires, as a point on `clock.elapsed`, to sleep until.
    let expiry: Duration?

    /// A lease for `caller`, just authenticated.
    /// - Parameters:
    ///   - revocations: Fires when a token is revoked (``NotifyChannel/tokens``); nil notices
    ///     expiry only.
    ///   - clock: The time tokens expire on.
    init(caller: Principal, tokens: TokenStore, revocations: EventSignal?, clock: OpslineClock) {
        self.caller = caller
        self.tokens = tokens
        self.revocations = revocations
        self.clock = clock
        self.checkedGeneration = revocations?.generation ?? 0
        self.expiry = caller.expiresAt.map { expiresAt in
            let left = max(expiresAt.timeIntervalSince(clock.now), 0)
            return clock.elapsed + .milliseconds(Int64((left * 1000).rounded(.up)))
        }
    }

    /// The revocation signal's current generation, to wait on (`waitForRevocation`).
    var revocationGeneration: UInt64 { revocations?.generation ?? 0 }

    /// Throws `401 unauthenticated`, saying why, once the token no longer authenticates: it has
    /// expired, or a change was announced since the last check and the token is revoked or its
    /// user disabled. Otherwise takes the caller as the database has it now.
    mutating func check() async throws {
        if let expiresAt = caller.expiresAt, clock.now >= expiresAt {
            throw Self.ended("expired at \(RFC3339.format(expiresAt))")
        }
        guard let revocations, revocations.generation != checkedGeneration else { return }
        let generation = revocations.generation
        switch try await tokens.currentState(of: caller) {
        case .ended(let reason): throw Self.ended(reason)
        case .active(let current): caller = current
        }
        checkedGeneration = generation
    }

    /// Returns when a revocation is announced after `generation` (``revocationGeneration``),
    /// when the token expires, or when `deadline` passes on the system clock (`OpslineClock.elapsed`),
    /// whichever comes first.
    func wait(afterRevocation generation: UInt64, until deadline: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await OpslineClock.system.sleep(until: deadline) }
            if let revocations {
                group.addTask { await revocations.wait(after: generation, until: deadline, on: .system) }
            }
            if let expiry {
                group.addTask { [clock] in try? await clock.sleep(until: expiry) }
            }
            await group.next()
            group.cancelAll()
        }
    }

    private static func ended(_ reason: String) -> APIError {
        APIError(
            .unauthorized, code: "unauthenticated",
            message: "the stream's token \(reason); reconnect with a valid token",
            headers: [.wwwAuthenticate: "Bearer"])
    }
}

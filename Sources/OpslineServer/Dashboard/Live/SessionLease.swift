import Foundation
import OpslineStore

/// How long a dashboard page's live stream (``LiveEventsRoute``) may go on: while its session
/// does — not signed out, not expired, its user or token still good.
///
/// Sign-out, disabling a user and revoking a token are announced on ``NotifyChannel/tokens``
/// (`revocations`), which wakes the stream to check at once; expiry is checked on the server's
/// clock. An open stream is not a use of the session (``SessionStore/current(_:)`` does not move
/// its expiry): a page left open on a wall screen ends with its session, as after any other
/// pause; the pages the viewer opens keep it alive.
struct SessionLease: StreamLease {
    /// Who the stream is written for, as of the last check.
    private(set) var caller: Principal
    private let secret: SessionSecret
    private let sessions: SessionStore
    private let revocations: EventSignal?
    private let clock: OpslineClock
    private var expiresAt: Date
    private var checkedGeneration: UInt64

    /// A lease for `session`, whose cookie holds `secret`, just found by ``SessionMiddleware``.
    init(
        session: DashboardSession, secret: SessionSecret, sessions: SessionStore, revocations: EventSignal?,
        clock: OpslineClock
    ) {
        self.caller = session.principal
        self.secret = secret
        self.sessions = sessions
        self.revocations = revocations
        self.clock = clock
        self.expiresAt = session.expiresAt
        self.checkedGeneration = revocations?.generation ?? 0
    }

    var revocationGeneration: UInt64 { revocations?.generation ?? 0 }

    /// Throws ``SessionEnded`` once the session is over. At its expiry, and after a revocation
    /// was announced, it asks the database: another page may have moved the expiry on meanwhile.
    mutating func check() async throws {
        let announced = revocations.map { $0.generation != checkedGeneration } ?? false
        guard announced || clock.now >= expiresAt else { return }
        let generation = revocationGeneration
        guard let session = try await sessions.current(secret) else { throw SessionEnded() }
        caller = session.principal
        expiresAt = session.expiresAt
        checkedGeneration = generation
    }

    func wait(afterRevocation generation: UInt64, until deadline: Duration) async {
        let left = max(expiresAt.timeIntervalSince(clock.now), 0)
        let expiry = clock.elapsed + .milliseconds(Int64((left * 1000).rounded(.up)))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await OpslineClock.system.sleep(until: deadline) }
            if let revocations {
                group.addTask { await revocations.wait(after: generation, until: deadline, on: .system) }
            }
            group.addTask { [clock] in try? await clock.sleep(until: expiry) }
            await group.next()
            group.cancelAll()
        }
    }
}

/// A live stream's session is over: signed out, expired, or its user or token no longer good.
struct SessionEnded: Error {}

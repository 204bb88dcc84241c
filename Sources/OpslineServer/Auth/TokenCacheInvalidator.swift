import OpslineStore
import ServiceLifecycle

/// Empties this replica's cache of resolved tokens whenever any replica revokes one or changes a
/// user's standing (`NotifyChannel.tokens`), and whenever the listening connection (re)connects, since
/// revocations may have been missed while it was down.
struct TokenCacheInvalidator: Service {
    /// Fed by `LISTEN` on `NotifyChannel.tokens`.
    let signal: EventSignal
    let tokens: TokenStore

    func run() async throws {
        try await SignalReaction(signal: signal) { [tokens] in tokens.forgetCachedPrincipals() }.run()
    }
}

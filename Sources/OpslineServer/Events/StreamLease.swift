import OpslineStore

/// How long a response that outlives its request — a followed event stream — may go on writing
/// for its caller, and over which teams. ``CallerLease`` holds one for an API token,
/// ``SessionLease`` for a dashboard session.
protocol StreamLease: Sendable {
    /// Who the stream is written for, as of the last check.
    var caller: Principal { get }
    /// The revocation signal's current generation, to wait on (``wait(afterRevocation:until:)``).
    var revocationGeneration: UInt64 { get }
    /// Throws once the credential no longer authenticates; otherwise takes the caller as the
    /// database has it now.
    mutating func check() async throws
    /// Returns when a revocation is announced after `generation`, when the credential expires,
    /// or when `deadline` passes on the system clock, whichever comes first.
    func wait(afterRevocation generation: UInt64, until deadline: Duration) async
}

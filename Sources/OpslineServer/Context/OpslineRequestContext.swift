import Hummingbird
import OpslineStore

/// The per-request context of the root router: Hummingbird's core storage plus the caller once
/// `AuthMiddleware` has authenticated one. Routes under `/v1` never see it: they get an
/// ``AuthenticatedRequestContext``, made from it, whose caller is not optional.
struct OpslineRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The caller, set by `AuthMiddleware` in front of the `/v1` group; read only to make that
    /// group's ``AuthenticatedRequestContext``.
    var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }
}

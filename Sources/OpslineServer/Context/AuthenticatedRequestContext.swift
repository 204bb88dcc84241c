import Hummingbird
import OpslineStore

/// The context of every `/v1` route: a request whose caller `AuthMiddleware` has authenticated.
///
/// The `/v1` group is made with `group(context: AuthenticatedRequestContext.self)` behind
/// `AuthMiddleware`, so a route there receives this context, and cannot be reached without a
/// caller or forget to ask for one.
struct AuthenticatedRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    /// Who is calling, as their token says.
    public let caller: Principal

    /// The parent context with its caller; 401 `unauthenticated` when it has none (which
    /// `AuthMiddleware`, in front of every `/v1` route, has already answered).
    public init(context: OpslineRequestContext) throws {
        guard let principal = context.principal else { throw APIError.unauthenticated }
        self.coreContext = context.coreContext
        self.caller = principal
    }
}

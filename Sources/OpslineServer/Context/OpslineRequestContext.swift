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
    /// The dashboard session, set by `SessionMiddleware` in front of the signed-in `/ui` pages
    /// (never in front of `/v1`: a cookie never authorises the API); read only to make their
    /// ``SignedInRequestContext``.
    var dashboardSession: DashboardSession?
    /// The form a signed-in page was posted, once `SessionMiddleware` has read it and checked its
    /// CSRF token.
    var dashboardForm: FormBody?
    /// Who the request acts for, noted where it is authenticated, for the access log line.
    let requestCaller = RequestCaller()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.dashboardSession = nil
        self.dashboardForm = nil
    }
}

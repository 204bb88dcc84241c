import Hummingbird
import OpslineStore

/// The per-request context: Hummingbird's core storage plus the authenticated caller.
public struct OpslineRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, set by `AuthMiddleware` on every `/v1` route.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }

    /// The caller; routes behind `AuthMiddleware` always have one.
    func caller() throws -> Principal {
        guard let principal else { throw APIError.unauthenticated }
        return principal
    }
}

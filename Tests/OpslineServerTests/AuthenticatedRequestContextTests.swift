import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import OpslineServer
import Testing

/// `/v1` routes get an `AuthenticatedRequestContext`: a route there cannot run without a caller.
@Suite struct AuthenticatedRequestContextTests {
    /// Even a group that forgot `AuthMiddleware` answers a request without a caller with the
    /// usual 401 line: the guarantee is the context's, not a check each route makes.
    @Test func aGroupWithoutAuthMiddlewareStillRefusesARequestWithoutACaller() async throws {
        let router = Router(context: OpslineRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.group("v1", context: AuthenticatedRequestContext.self).get("me") { _, context in context.caller.name }
        try await Application(router: router).test(.router) { client in
            let reply = try await APIClient(client: client).send(.get, "/v1/me", token: nil)
            #expect(reply.status == .unauthorized)
            #expect(reply.errorCode == "unauthenticated")
            #expect(reply.headers[.wwwAuthenticate] == "Bearer")
        }
    }
}

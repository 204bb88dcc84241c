import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import OpslineServer
import OpslineStore
import Postgres
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

    /// Every `/v1` endpoint the server's router holds answers a request without a token with the
    /// 401 line, before reading anything: the database here does not exist.
    @Test func everyV1EndpointRefusesARequestWithoutAToken() async throws {
        let pool = PostgresPool(conninfo: "host=/nonexistent dbname=opsline_auth_test", maximumConnections: 1)
        let router = OpslineApplication.router(
            database: try OpslineDatabase(pool: pool), signal: EventSignal(conninfo: pool.conninfo))
        let endpoints = router.routes.map { Endpoint($0) }.filter { $0.path.hasPrefix("/v1/") }
        #expect(endpoints.count > 20, "the router holds \(endpoints)")
        try await Application(router: router).test(.router) { client in
            let api = APIClient(client: client)
            for endpoint in endpoints {
                let method = try #require(HTTPRequest.Method(endpoint.method))
                let uri = endpoint.path.replacing(#/\{[^}]+\}/#, with: "x")
                let reply = try await api.send(method, uri, token: nil)
                #expect(reply.status == .unauthorized, "\(endpoint)")
                #expect(reply.errorCode == "unauthenticated", "\(endpoint)")
            }
        }
    }
}

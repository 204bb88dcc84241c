import Hummingbird
import Logging
import OpslineStore

/// Builds the HTTP application over a prepared database.
public enum OpslineApplication {
    /// The router with every route and middleware; exposed for tests.
    public static func router(database: OpslineDatabase) -> Router<OpslineRequestContext> {
        let router = Router(context: OpslineRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        HealthRoutes(database: database).register(on: router)
        let v1 = router.group("v1").add(middleware: AuthMiddleware(tokens: database.tokens))
        TaskRoutes(tasks: database.tasks).register(on: v1.group("tasks"))
        return router
    }

    /// The application listening on `host:port`.
    public static func make(
        database: OpslineDatabase, host: String, port: Int, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(database: database),
            configuration: .init(address: .hostname(host, port: port), serverName: "opsline"),
            logger: logger)
    }
}

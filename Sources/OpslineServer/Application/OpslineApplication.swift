import Hummingbird
import Logging
import OpslineStore

/// Builds the HTTP application over a prepared database.
public enum OpslineApplication {
    /// The router with every route and middleware; exposed for tests.
    ///   - signal: wakes `GET /v1/events?follow=true` streams; run it as a service beside the app.
    ///   - heartbeat: how long a followed stream stays silent before a heartbeat line.
    public static func router(
        database: OpslineDatabase, signal: EventSignal, heartbeat: Duration = .seconds(15)
    ) -> Router<OpslineRequestContext> {
        let router = Router(context: OpslineRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        HealthRoutes(database: database).register(on: router)
        let v1 = router.group("v1").add(middleware: AuthMiddleware(tokens: database.tokens))
        TaskRoutes(tasks: database.tasks).register(on: v1.group("tasks"))
        v1.post("events", use: EventBatchRoute(tasks: database.tasks).post)
        v1.get("events", use: EventStreamRoute(events: database.events, signal: signal, heartbeat: heartbeat).stream)
        TokenRoutes(tokens: database.tokens).register(on: v1)
        return router
    }

    /// The application listening on `host:port`.
    public static func make(
        database: OpslineDatabase, signal: EventSignal, host: String, port: Int, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(database: database, signal: signal),
            // A connection that sends nothing between requests is closed after a minute; a body
            // that takes longer than `NDJSON.Limits.bodyReadTime` to arrive gets 408.
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(address: .hostname(host, port: port), serverName: "opsline"),
            logger: logger)
    }
}

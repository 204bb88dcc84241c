import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OpslineStore

/// Builds the HTTP application over a prepared database.
enum OpslineApplication {
    /// The router with every route and middleware; exposed for tests.
    ///   - signal: wakes `GET /v1/events?follow=true` streams; run it as a service beside the app.
    ///   - heartbeat: how long a followed stream stays silent before a heartbeat line.
    static func router(
        database: OpslineDatabase, signal: EventSignal, heartbeat: Duration = .seconds(15)
    ) -> Router<OpslineRequestContext> {
        let router = Router(context: OpslineRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: QueryTextMiddleware())
        HealthRoutes(database: database).register(on: router)
        // Every `/v1` route gets an `AuthenticatedRequestContext`: AuthMiddleware answers 401
        // first, and the context cannot be made without the caller it found.
        let v1 = router.group("v1").add(middleware: AuthMiddleware(tokens: database.tokens))
            .group(context: AuthenticatedRequestContext.self)
        TaskRoutes(tasks: database.tasks).register(on: v1.group("tasks"))
        v1.post("events", use: EventBatchRoute(tasks: database.tasks).post)
        v1.get("events", use: EventStreamRoute(events: database.events, signal: signal, heartbeat: heartbeat).stream)
        TokenRoutes(tokens: database.tokens).register(on: v1)
        WorkflowRoutes(catalog: database.workflows).register(on: v1.group("workflows"))
        // Managers' views: SLA breaches and clocks at risk, reports, business calendars.
        SLARoutes(reports: database.reports, catalog: database.workflows).register(on: v1)
        ReportRoutes(reports: database.reports, catalog: database.workflows).register(on: v1)
        CalendarRoutes(calendars: database.workflows.calendars, clock: database.clock).register(on: v1)
        return router
    }

    /// Every endpoint the router of `router(database:signal:heartbeat:)` serves (method and
    /// OpenAPI path), sorted by path and method: read from the routes Hummingbird's router holds
    /// (`Router.routes`). Nothing touches the database.
    static func endpoints(database: OpslineDatabase, signal: EventSignal) -> [Endpoint] {
        router(database: database, signal: signal).routes.map { Endpoint($0) }.sorted()
    }

    /// The application listening on `host:port`.
    ///   - headerTimeout: how long a connection has to deliver a complete request head, counted
    ///     from when it opened or its previous response was written (`--header-timeout`).
    public static func make(
        database: OpslineDatabase, signal: EventSignal, host: String, port: Int, headerTimeout: Duration,
        logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(database: database, signal: signal),
            server: .http1(configuration: http1Configuration(headerTimeout: headerTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: "opsline"),
            logger: logger)
    }

    /// The HTTP/1.1 connection settings `make` serves with; exposed so tests serve with them too.
    ///
    /// `HeaderDeadlineHandler` closes a connection that has not delivered a whole request head
    /// within `headerTimeout` of opening or of its previous response. Hummingbird's idle timeout
    /// counts from the last decoded part, so on its own it let a body trickle forever — such as
    /// the rest of a body answered early (401, 413) without being read, which Hummingbird drains
    /// before the next request; the deadline, running from the response, closes that too. The
    /// idle timeout stays as the limit on a body that stops arriving while a route still reads it
    /// (NDJSON bodies also have `NDJSON.Limits.bodyReadTime`, 408), and is never shorter than
    /// `headerTimeout`, so it cannot cut a connection the deadline still allows.
    static func http1Configuration(headerTimeout: Duration) -> HTTP1Channel.Configuration {
        .init(
            additionalChannelHandlers: [HeaderDeadlineHandler(timeout: TimeAmount(headerTimeout))],
            idleTimeout: TimeAmount(max(headerTimeout, .seconds(60))))
    }
}

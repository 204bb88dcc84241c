import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OpslineStore

/// Builds the HTTP application over a prepared database.
enum OpslineApplication {
    /// The router with every route and middleware; exposed for tests.
    ///   - signal: wakes `GET /v1/events?follow=true` streams; run it as a service beside the app.
    ///   - revocations: fires when a token is revoked or a user's standing changes
    ///     (`NotifyChannel.tokens`), so that a followed stream opened with it ends (or follows the
    ///     user's new teams); nil: streams end at their token's expiry only.
    ///   - heartbeat: how long a followed stream stays silent before a heartbeat line.
    ///   - notifier: how subscriptions are tested and which destinations they may name; by
    ///     default `https` only and no internal addresses.
    ///   - dashboard: how the dashboard (`/ui`) signs people in, and the cost of password hashes.
    ///   - metrics: the series `GET /metrics` renders. Request metrics (Hummingbird's
    ///     `MetricsMiddleware`) go to the swift-metrics factory bound where the server runs
    ///     (`withMetricsFactory(metrics.factory)`, as `OpslineServer.run` does).
    ///   - attachments: the size and media types of files accepted on tasks.
    static func router(
        database: OpslineDatabase, signal: EventSignal, revocations: EventSignal? = nil,
        heartbeat: Duration = .seconds(15), notifier: Notifier? = nil, dashboard: DashboardSettings = .init(),
        metrics: ServerMetrics = ServerMetrics(), attachments: AttachmentLimits = AttachmentLimits()
    ) -> Router<OpslineRequestContext> {
        let router = Router(context: OpslineRequestContext.self)
        // Outermost, so it sees every answer's final status, errors turned into responses included.
        router.add(middleware: MetricsMiddleware())
        let pages = DashboardPages()
        let hasher = PasswordHasher(cost: dashboard.passwordCost)
        // Next, outside every middleware that answers: the request's id (`X-Request-Id`) and its
        // access log line, which then sees the status of every answer, error pages and lines
        // included.
        router.add(middleware: RequestLogMiddleware())
        // Then: every `/ui` response gets the dashboard's security headers, and HTML pages
        // in place of the API's error lines.
        router.add(middleware: DashboardShellMiddleware(pages: pages))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: QueryTextMiddleware())
        HealthRoutes(database: database).register(on: router)
        MetricsRoute(metrics: metrics, database: database, signal: signal).register(on: router)
        // Every `/v1` route gets an `AuthenticatedRequestContext`: AuthMiddleware answers 401
        // first, and the context cannot be made without the caller it found.
        let v1 = router.group("v1").add(middleware: AuthMiddleware(tokens: database.tokens))
            .group(context: AuthenticatedRequestContext.self)
        TaskRoutes(tasks: database.tasks).register(on: v1.group("tasks"))
        AttachmentRoutes(tasks: database.tasks, attachments: database.attachments, limits: attachments)
            .register(on: v1.group("tasks"))
        LinkRoutes(tasks: database.tasks).register(on: v1.group("tasks"))
        v1.post("events", query: ["atomic"], use: EventBatchRoute(tasks: database.tasks).post)
        var stream = EventStreamRoute(
            events: database.events, signal: signal, tokens: database.tokens, revocations: revocations,
            clock: database.clock, heartbeat: heartbeat)
        stream.followers = metrics.followers
        v1.get("events", query: EventStreamRoute.queryParameters, use: stream.stream)
        TokenRoutes(tokens: database.tokens).register(on: v1)
        // People: users, teams and their members.
        UserRoutes(people: database.people).register(on: v1)
        PasswordRoute(people: database.people, sessions: database.sessions, hasher: hasher)
            .register(on: v1.group("users"))
        TeamRoutes(people: database.people).register(on: v1)
        WorkflowRoutes(catalog: database.workflows, subscriptions: database.subscriptions)
            .register(on: v1.group("workflows"))
        ScheduleRoutes(catalog: database.workflows).register(on: v1)
        // Managers' views: SLA breaches and clocks at risk, reports, business calendars.
        SLARoutes(reports: database.reports, catalog: database.workflows).register(on: v1)
        ReportRoutes(reports: database.reports, catalog: database.workflows).register(on: v1)
        CalendarRoutes(calendars: database.workflows.calendars, clock: database.clock).register(on: v1)
        // Notifications: subscriptions and the delivery log.
        let notifier = notifier ?? Notifier(settings: NotificationSettings(destinations: .secure), database: database)
        SubscriptionRoutes(subscriptions: database.subscriptions, tester: notifier.tester(database.subscriptions))
            .register(on: v1)
        // The dashboard: pages for people in a browser, signed in with a session cookie that
        // `/v1` never reads.
        DashboardRoutes(
            database: database, pages: pages, settings: dashboard, hasher: hasher, signal: signal,
            revocations: revocations, heartbeat: heartbeat, attachments: attachments
        ).register(on: router)
        return router
    }

    /// Every API endpoint the router of `router(database:signal:heartbeat:)` serves (method and
    /// OpenAPI path), sorted by path and method: read from the routes Hummingbird's router holds
    /// (`Router.routes`), less the dashboard's pages (`/ui`, not part of the API). Nothing
    /// touches the database.
    static func endpoints(database: OpslineDatabase, signal: EventSignal) -> [Endpoint] {
        router(database: database, signal: signal).routes.map { Endpoint($0) }
            .filter { !$0.path.hasPrefix("/ui") }.sorted()
    }

    /// The application listening on `host:port`.
    ///   - headerTimeout: how long a connection has to deliver a complete request head, counted
    ///     from when it opened or its previous response was written (`--header-timeout`).
    ///   - bodyTimeout: how long a request's body may take to arrive, from its head
    ///     (`--body-timeout`); later is `408 timeout`.
    ///   - tls: the certificate to serve HTTPS with (``TLSCertificates``); nil serves plain HTTP.
    ///   - attachmentMaximumBytes: the largest file accepted on a task (`--attachment-max-size`).
    public static func make(
        database: OpslineDatabase, signal: EventSignal, revocations: EventSignal, host: String, port: Int,
        headerTimeout: Duration, bodyTimeout: Duration, notifier: Notifier, dashboard: DashboardSettings,
        metrics: ServerMetrics = ServerMetrics(), tls: TLSCertificates? = nil, attachmentMaximumBytes: Int64? = nil,
        logger: Logger
    ) -> some ApplicationProtocol {
        var attachments = AttachmentLimits()
        if let attachmentMaximumBytes { attachments.maximumBytes = attachmentMaximumBytes }
        return Application(
            router: router(
                database: database, signal: signal, revocations: revocations, notifier: notifier, dashboard: dashboard,
                metrics: metrics, attachments: attachments),
            server: server(http1: http1Configuration(headerTimeout: headerTimeout, bodyTimeout: bodyTimeout), tls: tls),
            configuration: .init(address: .hostname(host, port: port), serverName: "opsline"),
            logger: logger)
    }

    /// HTTP/1.1 with `configuration`, over TLS when `tls` is given: the same channel handlers
    /// (deadlines, parse-error lines) run behind the TLS handler.
    static func server(http1 configuration: HTTP1Channel.Configuration, tls: TLSCertificates?) -> HTTPServerBuilder {
        guard let tls else { return .http1(configuration: configuration) }
        return HTTPServerBuilder { responder in
            ReloadingTLSChannel(
                base: HTTP1Channel(responder: responder, configuration: configuration), certificates: tls)
        }
    }

    /// The HTTP/1.1 connection settings `make` serves with; exposed so tests serve with them too.
    ///
    /// `HeaderDeadlineHandler` closes a connection that has not delivered a whole request head
    /// within `headerTimeout` of opening or of its previous response. Hummingbird's idle timeout
    /// counts from the last decoded part, so on its own it let a body trickle forever — such as
    /// the rest of a body answered early (401, 413) without being read, which Hummingbird drains
    /// before the next request; the deadline, running from the response, closes that too.
    /// `BodyDeadlineHandler` ends a body that has not arrived within `bodyTimeout` of its head:
    /// the route reading it answers `408` with an error line, then the connection closes.
    /// `ParseErrorLineHandler` gives the `400` Hummingbird answers a request it cannot parse an
    /// error line. The idle timeout is only a backstop, longer than either deadline, so it never
    /// cuts a connection before they answer.
    static func http1Configuration(
        headerTimeout: Duration, bodyTimeout: Duration = NDJSON.Limits.bodyReadTime
    ) -> HTTP1Channel.Configuration {
        .init(
            additionalChannelHandlers: [
                ParseErrorLineHandler(), HeaderDeadlineHandler(timeout: TimeAmount(headerTimeout)),
                BodyDeadlineHandler(timeout: TimeAmount(bodyTimeout)),
            ],
            idleTimeout: TimeAmount(headerTimeout + bodyTimeout))
    }
}

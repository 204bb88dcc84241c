import Hummingbird
import OpslineStore

/// The dashboard, `/ui` (docs/dashboard.md): server-rendered pages for people in a browser.
///
/// It never touches `/v1`: the API keeps bearer tokens only, and the session cookie is sent to
/// `/ui` paths alone (`Path=/ui`). Pages ask ``AccessPolicy`` exactly as the API's routes do.
struct DashboardRoutes {
    let database: OpslineDatabase
    let pages: DashboardPages
    let settings: DashboardSettings
    let hasher: PasswordHasher
    /// Wakes live pages' streams when events commit.
    let signal: EventSignal
    /// Fires on sign-outs, revoked tokens and disabled users (``NotifyChannel/tokens``); nil:
    /// live streams end at their session's expiry only.
    var revocations: EventSignal?
    /// How long a live stream stays silent before a heartbeat.
    var heartbeat: Duration = .seconds(15)
    /// The files a task page's upload accepts (the API's limits).
    var attachments = AttachmentLimits()

    /// Adds the `/ui` routes to `router`. ``DashboardShellMiddleware`` must be on the router
    /// already (it gives every `/ui` response its security headers).
    func register(on router: Router<OpslineRequestContext>) {
        let ui = router.group("ui").add(middleware: PageErrorMiddleware(pages: pages))
        let login = LoginRoutes(
            tokens: database.tokens, sessions: database.sessions, hasher: hasher, pages: pages, settings: settings)
        login.register(on: ui)
        ui.get("assets/:file", use: asset)
        let signedIn = ui.group().add(middleware: SessionMiddleware(sessions: database.sessions, settings: settings))
            .group(context: SignedInRequestContext.self)
        signedIn.get(use: OverviewRoute(database: database, pages: pages).show)
        signedIn.get("workload", use: WorkloadRoute(database: database, pages: pages).show)
        signedIn.get("reports/breakdown", use: BreakdownPageRoute(database: database, pages: pages).show)
        signedIn.post("logout", use: login.signOut)
        let live = LiveEventsRoute(
            events: database.events, signal: signal, sessions: database.sessions, revocations: revocations,
            clock: database.clock, heartbeat: heartbeat)
        signedIn.get("events", use: live.stream)
        QueuePages.register(on: signedIn, database: database, pages: pages)
        TaskPageRoute(database: database, pages: pages, attachments: attachments).register(on: signedIn)
    }

    /// A stylesheet or script, cached for a year: its name changes with its content.
    @Sendable func asset(_ request: Request, context: OpslineRequestContext) async throws -> Response {
        guard let name = context.parameters.get("file"), let file = pages.assets.files[name] else {
            throw PageError.notFound
        }
        return Response(
            status: .ok,
            headers: [.contentType: file.contentType, .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: file.body))
    }
}

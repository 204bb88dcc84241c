import Hummingbird
import OpslineStore
import Workflow

/// `/v1/workflows`: the published workflows, their definitions and state diagrams (every token
/// may read them); admins publish new versions.
struct WorkflowRoutes {
    /// The published workflows, and the calendars of the server's `calendars.yaml` that a
    /// workflow may name.
    let catalog: WorkflowCatalog
    /// The subscriptions, for the receivers a published workflow names that none has yet.
    let subscriptions: SubscriptionStore

    func register(on group: RouterGroup<AuthenticatedRequestContext>) {
        group.get(query: [], use: list)
        group.get(":name", query: ["version"], use: show)
        group.put(":name", query: [], use: publish)
        group.get(":name/graph", query: ["format", "version"], use: graph)
    }

    /// The latest version of every workflow, one line each, by name.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let lines = try await catalog.latestPublished().map { NDJSON.buffer(WorkflowLine(workflow: $0).json) }
        return Response(status: .ok, headers: [.contentType: NDJSON.contentType], body: .init(contentsOf: lines))
    }

    /// The definition as one line: the latest version, or `?version=N`.
    @Sendable func show(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let workflow = try await published(request, context: context)
        return StreamedLines.single(WorkflowDocument(workflow: workflow).json, status: .ok)
    }

    /// The state diagram: `?format=dot` (the default) or `mermaid` as `text/plain`, or `svg` as
    /// `image/svg+xml`, of the latest version or `?version=N`.
    @Sendable func graph(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let requested = request.uri.queryParameters["format"].map(String.init) ?? WorkflowGraph.Format.dot.rawValue
        guard let format = WorkflowGraph.Format(rawValue: requested) else {
            throw APIError.badRequest("format must be dot, mermaid or svg, not '\(requested)'")
        }
        let workflow = try await published(request, context: context)
        let text = WorkflowGraph(workflow.definition).render(format)
        return Response(
            status: .ok,
            headers: [.contentType: format == .svg ? "image/svg+xml; charset=utf-8" : "text/plain; charset=utf-8"],
            body: .init(byteBuffer: .init(string: text)))
    }

    /// Publishes the body as the next version when it differs from the latest: 201 with
    /// `"changed":true`, or 200 with `"changed":false` when it is the same. The body must load,
    /// name the workflow of the path, and agree with the other published workflows and the
    /// server's calendars (422 `invalid_workflow` lists every problem), checked off the request
    /// threads within a deadline (``WorkflowPublishCheck``); its `notify:` may name only the
    /// receivers of the server's `receivers.yaml`, and the answer lists those no subscription has
    /// yet as `"unsubscribed"`. Tasks already running stay on the version they started with.
    @Sendable func publish(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        try AccessPolicy.checkPublishesWorkflows(context.caller)
        let name = try context.parameters.require("name")
        let file = try await WorkflowUpload.read(request).file(named: name)
        let others = try await catalog.latestPublished().map {
            WorkflowSourceFile(path: "\($0.name)@v\($0.version)", text: $0.source)
        }
        let update = WorkflowUpdateCheck(
            existing: others, calendars: catalog.calendars.businessCalendars, receivers: catalog.receivers)
        try await WorkflowPublishCheck(file: file, name: name, update: update).run()
        let publication = try await catalog.publishVersion(source: file.text, file: file.path)
        let workflow = publication.workflow
        if publication.isNewVersion {
            context.logger.notice("published workflow \(workflow.name) version \(workflow.version)")
        }
        let unsubscribed = try await subscriptions.unsubscribed(workflow.definition.notifiedReceivers)
        return StreamedLines.single(
            WorkflowLine(workflow: workflow, changed: publication.isNewVersion, unsubscribed: unsubscribed).json,
            status: publication.isNewVersion ? .created : .ok)
    }

    /// The workflow of the path at `?version=N`, or its latest version; 404 when there is none.
    private func published(_ request: Request, context: AuthenticatedRequestContext) async throws -> PublishedWorkflow {
        try await catalog.published(
            try context.parameters.require("name"), version: request.uri.queryParameters["version"])
    }
}

import Hummingbird
import OpslineStore
import Workflow

/// `/ui/workflows`: every published workflow (all of them are readable by everyone signed in,
/// as `GET /v1/workflows` is), with its title as the file writes it, latest version, and links to
/// its queue and its page.
struct WorkflowsIndexRoute {
    let catalog: WorkflowCatalog
    let pages: DashboardPages

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        try QueryParameters([]).check(request)
        let workflows = try await catalog.latestPublished().map { workflow in
            [
                "name": workflow.name, "title": workflow.definition.title, "version": workflow.version,
                "team": workflow.definition.team, "href": WorkflowPageRoute.href(workflow.name),
                "queueHref": "/ui/queues/" + QueueQuery.encoded(workflow.name) + "?open=true",
                "publishedAt": RFC3339.format(workflow.publishedAt),
                "publishedText": QueueTime.utcText(workflow.publishedAt),
            ] as [String: Any]
        }
        return pages.render(
            "workflows", ["workflows": workflows, "hasWorkflows": !workflows.isEmpty], bar: context.bar)
    }
}

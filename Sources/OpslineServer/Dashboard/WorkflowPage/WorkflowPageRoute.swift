import Hummingbird
import OpslineStore
import Workflow

/// `/ui/workflows/{name}` (`?version=N` for an older version): the state diagram, then the
/// fields, states, transitions, timers and SLA policies, and the version history.
struct WorkflowPageRoute {
    let catalog: WorkflowCatalog
    let pages: DashboardPages

    @Sendable func show(_ request: Request, context: SignedInRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        try QueryParameters(["version"]).check(request)
        let workflow = try await catalog.published(name, version: request.uri.queryParameters["version"])
        let definition = workflow.definition
        let history = try await catalog.versionHistory(name)
        let latest = history.first?.version ?? workflow.version
        var values = WorkflowPageValues(definition: definition).values
        values["name"] = definition.name
        values["title"] = definition.title
        values["key"] = definition.key
        values["team"] = definition.team
        values["calendar"] = definition.calendar ?? WorkflowLine.defaultCalendar
        values["version"] = workflow.version
        values["isLatest"] = workflow.version == latest
        values["latestHref"] = Self.href(name)
        values["publishedAt"] = RFC3339.format(workflow.publishedAt)
        values["publishedText"] = QueueTime.utcText(workflow.publishedAt)
        values["queueHref"] = "/ui/queues/" + QueueQuery.encoded(name) + "?open=true"
        values["diagram"] = TrustedMarkup.template(WorkflowGraph(definition).render(.svg))
        values["versions"] = history.map { version in
            [
                "version": version.version, "href": Self.href(name, version: version.version, latest: latest),
                "publishedAt": RFC3339.format(version.publishedAt),
                "publishedText": QueueTime.utcText(version.publishedAt),
                "checksum": String(version.checksum.prefix(12)), "shown": version.version == workflow.version,
            ] as [String: Any]
        }
        return pages.render("workflow", values, bar: context.bar)
    }

    /// The page of workflow `name`: of its latest version, or of `version`.
    static func href(_ name: String, version: Int? = nil, latest: Int? = nil) -> String {
        let path = "/ui/workflows/" + QueueQuery.encoded(name)
        guard let version, version != latest else { return path }
        return path + "?version=\(version)"
    }
}

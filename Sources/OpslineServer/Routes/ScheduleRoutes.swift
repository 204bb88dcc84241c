import Hummingbird
import OpslineStore
import Workflow

/// `GET /v1/schedules[?workflow=NAME]`: the recurring work of the latest workflow versions, each
/// schedule with its next occurrence, soonest first. Every token may read them, as it may read the
/// workflows.
struct ScheduleRoutes {
    let catalog: WorkflowCatalog

    /// Adds the route to the authenticated `/v1` group.
    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        v1.get("schedules", query: ["workflow"], use: list)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let workflow = request.uri.queryParameters["workflow"].map(String.init)
        if let workflow, try await catalog.latestPublished(workflow) == nil {
            throw APIError.notFound("no workflow \(workflow)")
        }
        let statuses = try await catalog.schedules().filter { workflow == nil || $0.workflow == workflow }
        // Soonest first; one that never fires again last, then by workflow and schedule.
        let sorted = statuses.sorted {
            ($0.next ?? .distantFuture, $0.workflow, $0.schedule.name) < (
                $1.next ?? .distantFuture, $1.workflow, $1.schedule.name
            )
        }
        let lines = sorted.map { status in
            NDJSON.buffer(
                ScheduleLine(status: status, workflowTeam: catalog.latest(status.workflow)?.definition.team ?? ""))
        }
        return Response(status: .ok, headers: [.contentType: NDJSON.contentType], body: .init(contentsOf: lines))
    }
}

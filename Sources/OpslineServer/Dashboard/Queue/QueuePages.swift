import Hummingbird
import OpslineStore

/// The workflow pages of the dashboard: the index `/ui/workflows`, each workflow's page
/// `/ui/workflows/{name}` and its queue `/ui/queues/{workflow}`.
enum QueuePages {
    /// Adds the three routes to the signed-in group.
    static func register(
        on signedIn: RouterGroup<SignedInRequestContext>, database: OpslineDatabase, pages: DashboardPages
    ) {
        signedIn.get("workflows", use: WorkflowsIndexRoute(catalog: database.workflows, pages: pages).show)
        signedIn.get("workflows/:name", use: WorkflowPageRoute(catalog: database.workflows, pages: pages).show)
        signedIn.get(
            "queues/:workflow", use: QueueRoute(tasks: database.tasks, events: database.events, pages: pages).show)
    }
}

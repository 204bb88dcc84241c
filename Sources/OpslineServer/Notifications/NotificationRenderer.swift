import Foundation
import OpslineStore
import Workflow

/// Renders a delivery's body at its first attempt, from the event and the task as it is then.
struct NotificationRenderer: Sendable {
    let tasks: TaskStore
    let catalog: WorkflowCatalog
    /// The server's address as people reach it (`--public-url`), for links; `nil`: no links.
    let publicURL: String?

    /// The body `delivery` sends, in its channel's format.
    func body(for delivery: ClaimedDelivery) async throws -> String {
        let now = tasks.clock.now
        let event: JSONValue =
            delivery.event
            ?? [
                "type": "test", "subscription": .string(delivery.subscriptionName),
                "at": .string(RFC3339.format(now)),
            ]
        var task: TaskRecord?
        if let id = event["task"]?.stringValue { task = try await tasks.tasks([id])[id] }
        let summary = NotificationSummary(
            event: event, task: task, calendars: catalog.calendars, catalog: catalog, publicURL: publicURL)
        let taskLine = task.map { TaskLine(task: $0, catalog: catalog, now: now).json }
        return ChannelBody.render(delivery.channel, summary: summary, event: event, task: taskLine)
    }
}

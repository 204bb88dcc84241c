import Foundation
import OpslineStore
import Workflow

/// Renders a delivery's body at its first attempt, from the event and the task as it is then.
struct NotificationRenderer: Sendable {
    let tasks: TaskStore
    let catalog: WorkflowCatalog
    /// The server's address as people reach it (`--public-url`), for links; `nil`: no links.
    let publicURL: String?
    /// Daily digests' bodies.
    let digests: DigestRenderer

    /// The body `delivery` sends, in its channel's format.
    func body(for delivery: ClaimedDelivery) async throws -> String {
        try await bodies(for: [delivery])[delivery.id] ?? ""
    }

    /// The bodies of first attempts, by delivery id, with the tasks read in one round trip;
    /// deliveries that already have a body keep it.
    func bodies(for deliveries: [ClaimedDelivery]) async throws -> [String: String] {
        let now = tasks.clock.now
        let ids = Set(deliveries.compactMap { $0.event?["task"]?.stringValue })
        let taskByID = try await tasks.tasks(ids.sorted())
        var bodies: [String: String] = [:]
        for delivery in deliveries {
            if let digest = delivery.digest {
                bodies[delivery.id] = try await digests.body(for: delivery, digest: digest, now: now)
                continue
            }
            let event: JSONValue =
                delivery.event
                ?? [
                    "type": "test", "subscription": .string(delivery.subscriptionName),
                    "at": .string(RFC3339.format(now)),
                ]
            let task = event["task"]?.stringValue.flatMap { taskByID[$0] }
            let summary = NotificationSummary(
                event: event, task: task, calendars: catalog.calendars, catalog: catalog, publicURL: publicURL)
            let taskLine = task.map { TaskLine(task: $0, catalog: catalog, now: now).json }
            bodies[delivery.id] = ChannelBody.render(delivery.channel, summary: summary, event: event, task: taskLine)
        }
        return bodies
    }
}

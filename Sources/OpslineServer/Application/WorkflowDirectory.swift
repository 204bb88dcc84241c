import Foundation
import Logging
import OpslineStore
import Workflow

/// The workflows folder, loaded and checked as a whole (``WorkflowLibrary``) before anything is
/// published.
struct WorkflowDirectory: Sendable {
    /// One file's path (as given, for messages) and content.
    struct File: Sendable {
        /// The path shown in messages, e.g. `workflows/risk-review.yaml`.
        public let path: String
        /// The YAML text.
        public let source: String
    }

    /// The checked folder.
    public let library: WorkflowLibrary

    /// Reads every file and checks each on its own and all of them together: names and keys
    /// unique, calendars defined in `calendars.yaml`, spawned workflows present.
    /// - Parameter url: The folder, e.g. `workflows`; messages name its files through it.
    /// - Throws: ``ServerStartupError/invalidWorkflows(_:)`` with every problem, each as
    ///   `file:line: message`.
    public init(url: URL) throws(ServerStartupError) {
        do throws(WorkflowLoadErrors) {
            library = try WorkflowLibrary.load(directory: url.relativePath)
        } catch {
            throw .invalidWorkflows(error)
        }
    }

    /// The workflow files, sorted by path; `calendars.yaml` and `receivers.yaml` are not among them.
    public var files: [File] {
        library.entries.map { File(path: $0.file.path, source: $0.file.text) }
    }

    /// The calendars the workflows may name: `24x7` and those of `calendars.yaml`.
    public var calendars: [String] { library.calendars }

    /// Logs a warning naming the receivers the workflows `notify:` that no subscription has yet:
    /// they tell no one until one is made (not an error: subscriptions come after workflows).
    public func warnOfUnsubscribedReceivers(_ subscriptions: SubscriptionStore, logger: Logger) async throws {
        var named: [String] = []
        for name in library.workflows.flatMap(\.notifiedReceivers) where !named.contains(name) { named.append(name) }
        let missing = try await subscriptions.unsubscribed(named)
        guard !missing.isEmpty else { return }
        let names = missing.joined(separator: ", ")
        logger.warning(
            "workflows notify receivers no subscription has yet (they tell no one): \(names)"
        )
    }

    /// Publishes every workflow: a changed file becomes the next version, an unchanged one keeps
    /// its version.
    /// - Returns: What publishing each file did, in file order.
    @discardableResult
    public func publish(to catalog: WorkflowCatalog, logger: Logger? = nil) async throws -> [WorkflowPublication] {
        var publications: [WorkflowPublication] = []
        for file in files {
            let publication = try await catalog.publishVersion(source: file.source, file: file.path)
            let workflow = publication.workflow
            let source = publication.isNewVersion ? " (published from \(file.path))" : ""
            logger?.info("workflow \(workflow.name) is at version \(workflow.version)\(source)")
            publications.append(publication)
        }
        return publications
    }
}

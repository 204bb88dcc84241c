import Workflow

/// What `PUT /v1/workflows/{name}` checks before publishing a document: that it names the
/// workflow of the path, loads, and agrees with the published workflows and the server's
/// calendars.
///
/// Reading YAML is the costly part of a request an admin token can send at will, so it runs on
/// NIO's blocking thread pool (``BlockingWork``), within ``deadline``: no document, however
/// crafted, holds one of the threads that answer other requests. The reader bounds its own work
/// too (a document is refused beyond 1 MiB, 64 levels of nesting, or aliases standing for more
/// than 100 000 nodes), so the deadline is a second line of defence.
struct WorkflowPublishCheck: Sendable {
    /// How long the check may take; a document needs milliseconds.
    static let deadline = Duration.seconds(10)

    /// The document sent, as a file named after the path.
    let file: WorkflowSourceFile
    /// The workflow name of the path.
    let name: String
    /// The published workflows and the calendars to check against.
    let update: WorkflowUpdateCheck

    /// Runs the check.
    /// - Throws: `400 bad_request` when the document defines another workflow than the path's;
    ///   `422 invalid_workflow` listing every problem, or naming the deadline when the check
    ///   took too long.
    func run(within limit: Duration = deadline) async throws {
        let check = self
        guard let outcome = await BlockingWork.run(within: limit, { check.outcome() }) else {
            let seconds = limit.components.seconds
            throw APIError.invalidWorkflow([
                WorkflowLoadError(
                    file: file.path, line: 1,
                    message: "the document could not be checked within \(seconds) s; it was not published")
            ])
        }
        switch outcome {
        case .misnamed(let declared):
            throw APIError.badRequest(
                "the document defines workflow '\(declared)', but the path names '\(name)'; they must be the same")
        case .problems(let problems):
            guard problems.isEmpty else { throw APIError.invalidWorkflow(problems) }
        }
    }

    /// What the check found.
    private enum Outcome: Sendable {
        /// The document's `workflow:` is not the path's name.
        case misnamed(String)
        /// The document's problems; none when it may be published.
        case problems([WorkflowLoadError])
    }

    private func outcome() -> Outcome {
        if let declared = file.declaredWorkflowName, declared != name { return .misnamed(declared) }
        return .problems(update.problems(of: file))
    }
}

import OpslineStore

extension WorkflowCatalog {
    /// Workflow `name` at version `text` (a request's `?version=N`), or its latest version when
    /// `text` is nil: what `GET /v1/workflows/{name}` and the dashboard's workflow page show.
    /// - Throws: `StoreError.workflowNotFound` (404) when there is no such workflow or version; a
    ///   400 naming `version` when it is not a whole number from 1.
    func published(_ name: String, version text: Substring?) async throws -> PublishedWorkflow {
        guard let text else {
            guard let latest = try await latestPublished(name) else { throw StoreError.workflowNotFound(name) }
            return latest
        }
        // Versions are PostgreSQL `integer`s: a larger number names no version and cannot be sent.
        guard let version = Int32(text), version >= 1 else {
            throw QueryValues.bad("version", "version must be a whole number from 1 to \(Int32.max), not '\(text)'")
        }
        return try await workflow(name, version: Int(version))
    }
}

import Foundation
import Postgres

/// One published version of a workflow, without its source: what a version history lists.
public struct WorkflowVersionSummary: Sendable, Hashable {
    /// The version number.
    public let version: Int
    /// The SHA-256 of its source in hex.
    public let checksum: String
    /// When it was published.
    public let publishedAt: Date
}

extension WorkflowCatalog {
    /// Every published version of workflow `name`, newest first, as the database has them now
    /// (versions other replicas published count too); empty when it is not published.
    public func versionHistory(_ name: String) async throws -> [WorkflowVersionSummary] {
        let rows = try await pool.withIdempotentStatements {
            try await $0.query(WorkflowSQL.versionHistory, [name]).rows
        }
        return try rows.map {
            WorkflowVersionSummary(
                version: try $0.decode("version", as: Int.self), checksum: try $0.decode("checksum", as: String.self),
                publishedAt: try $0.decode("created_at", as: Date.self))
        }
    }
}

extension WorkflowSQL {
    /// The versions of workflow `$1`, newest first, without their sources.
    static let versionHistory = """
        SELECT version, checksum, created_at FROM workflow_versions
        WHERE workflow = $1 ORDER BY version DESC
        """
}

import Foundation
import Workflow

/// A workflow definition as published: its version and the source it was parsed from.
public struct PublishedWorkflow: Sendable, Hashable {
    /// The parsed definition.
    public let definition: WorkflowDefinition
    /// 1 for the first publication, +1 for every changed source after.
    public let version: Int
    /// The YAML as published.
    public let source: String
    /// The SHA-256 of ``source`` in hex: equal checksums, same content, same version.
    public let checksum: String
    /// When this version was published.
    public let publishedAt: Date

    /// The workflow's name.
    public var name: String { definition.name }
}

/// What publishing a source did: the workflow's current version, and whether it is new.
public struct WorkflowPublication: Sendable, Hashable {
    /// The current version: the new one, or the latest when the content was unchanged.
    public let workflow: PublishedWorkflow
    /// Whether the source differed from the latest version and became a new version.
    public let isNewVersion: Bool
}

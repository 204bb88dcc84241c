import Workflow

/// A workflow definition as published: its version and the source it was parsed from.
public struct PublishedWorkflow: Sendable, Hashable {
    /// The parsed definition.
    public let definition: WorkflowDefinition
    /// 1 for the first publication, +1 for every changed source after.
    public let version: Int
    /// The YAML as published.
    public let source: String

    /// The workflow's name.
    public var name: String { definition.name }
}

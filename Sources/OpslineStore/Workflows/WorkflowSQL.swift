/// Named queries on `workflow_versions`.
enum WorkflowSQL {
    /// The columns every query returns, as ``WorkflowCatalog`` reads them.
    private static let columns = "workflow, version, source, checksum, created_at"

    static let allVersions = "SELECT \(columns) FROM workflow_versions"

    static let oneVersion = """
        SELECT \(columns) FROM workflow_versions
        WHERE workflow = $1 AND version = $2
        """

    static let latestVersion = """
        SELECT \(columns) FROM workflow_versions
        WHERE workflow = $1 ORDER BY version DESC LIMIT 1
        """

    /// The latest version of every workflow, by name.
    static let latestOfEach = """
        SELECT DISTINCT ON (workflow) \(columns) FROM workflow_versions
        ORDER BY workflow, version DESC
        """

    /// A transaction-scoped lock on the workflow's name, so two publishers take turns.
    /// Tells every replica that workflow `$1` has a new version (``NotifyChannel/workflows``).
    static let announcePublication = "SELECT pg_notify('\(NotifyChannel.workflows.rawValue)', $1)"

    static let lockWorkflowName = "SELECT pg_advisory_xact_lock(hashtextextended('workflow:' || $1, 0))"

    static let insertNextVersion = """
        INSERT INTO workflow_versions (workflow, version, key, source, checksum)
        SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM workflow_versions WHERE workflow = $1
        RETURNING \(columns)
        """
}

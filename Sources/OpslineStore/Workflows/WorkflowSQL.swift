/// Named queries on `workflow_versions`.
enum WorkflowSQL {
    static let allVersions = "SELECT workflow, version, source, checksum FROM workflow_versions"

    static let oneVersion = """
        SELECT workflow, version, source, checksum FROM workflow_versions
        WHERE workflow = $1 AND version = $2
        """

    static let latestVersion = """
        SELECT workflow, version, source, checksum FROM workflow_versions
        WHERE workflow = $1 ORDER BY version DESC LIMIT 1
        """

    /// A transaction-scoped lock on the workflow's name, so two publishers take turns.
    static let lockWorkflowName = "SELECT pg_advisory_xact_lock(hashtextextended('workflow:' || $1, 0))"

    static let insertNextVersion = """
        INSERT INTO workflow_versions (workflow, version, key, source, checksum)
        SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM workflow_versions WHERE workflow = $1
        RETURNING workflow, version, source, checksum
        """
}

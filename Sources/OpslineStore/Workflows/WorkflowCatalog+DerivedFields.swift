/// What the workflows' derived fields read across workflows: the fields a roll-up sums, the
/// records a lookup reads.
extension WorkflowCatalog {
    /// The fields of `workflow`'s tasks that a roll-up field of some workflow's latest version
    /// sums: a change to one of them sums the parent's field again.
    func summedFields(of workflow: String) -> Set<String> {
        Set(latestVersions().flatMap { $0.definition.rollups(over: workflow).compactMap(\.rollup?.field) })
    }

    /// The workflows whose lookup fields read records of `workflow` (latest versions), each with
    /// the field a record and its tasks share: a record's tasks are that workflow's tasks whose
    /// field holds the record's value (a customer's complaints).
    public func lookingUp(_ workflow: String) -> [(workflow: PublishedWorkflow, key: String)] {
        var found: [(workflow: PublishedWorkflow, key: String)] = []
        for published in latestVersions() {
            for (_, lookup) in published.definition.lookups where lookup.workflow == workflow {
                if !found.contains(where: { $0.workflow.name == published.name && $0.key == lookup.key }) {
                    found.append((published, lookup.key))
                }
            }
        }
        return found
    }

    /// Whether a lookup field of some workflow's latest version reads records of `workflow`.
    func isLookedUp(_ workflow: String) -> Bool {
        latestVersions().contains { $0.definition.lookups.contains { $0.lookup.workflow == workflow } }
    }
}

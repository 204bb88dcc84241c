extension SourceNode {
    /// Reads the node as a mapping of `allowedKeys`, going on past problems: every other key is
    /// reported (not just the first), then `read` reads the mapping, recording what it finds.
    /// - Parameters:
    ///   - context: How messages name the mapping, e.g. `field 'score'`.
    ///   - allowedKeys: The keys the mapping may have.
    ///   - allowingNull: Whether `null` counts as an empty mapping.
    ///   - problems: Where problems are recorded.
    ///   - read: Reads the mapping's values; returns `nil` after recording a problem.
    /// - Returns: What `read` returns, or `nil` when anything in the mapping had a problem.
    func readMapping<Value>(
        context: String, allowedKeys: [String], allowingNull: Bool = false, problems: inout LoadProblems,
        _ read: (SourceMapping, inout LoadProblems) -> Value?
    ) -> Value? {
        let before = problems.count
        guard
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in
                try self.mapping(context: context, allowingNull: allowingNull)
            })
        else { return nil }
        mapping.reportUnknownKeys(allowedKeys, to: &problems)
        let value = read(mapping, &problems)
        return problems.count == before ? value : nil
    }
}

/// Where the expression language plugs into the loader: the one place a workflow's expressions
/// are parsed and type-checked.
enum ExpressionCheck {
    /// Parses and type-checks every expression of a freshly parsed workflow against its fields.
    ///
    /// Called by ``WorkflowParser/parse(_:file:)`` once the workflow is otherwise sound.
    ///
    /// **Integration point.** Until the expression language (`Expression/`) is merged, expressions
    /// are kept as ``ExpressionSource`` text and this only refuses blank ones (already refused when
    /// read, so nothing reaches here blank). Once it is merged, for each use in
    /// `workflow.expressionUses`: parse `use.source.text`; resolve names against
    /// `workflow.fields`; check that a `.condition` is `bool` and a `.value(type)` fits `type`;
    /// refuse computed fields that depend on themselves; and throw a ``WorkflowLoadError`` at
    /// `use.source.line` naming `use.context`, e.g.
    /// `workflows/risk-review.yaml:31: transition 'assess' choice branch 1: unknown field 'scroe'`.
    /// - Parameters:
    ///   - workflow: The parsed workflow.
    ///   - file: The file, for error messages.
    /// - Throws: The first expression that does not check.
    static func check(_ workflow: WorkflowDefinition, file: String) throws(WorkflowLoadError) {
        for use in workflow.expressionUses where use.source.text.allSatisfy(\.isWhitespace) {
            throw WorkflowLoadError(file: file, line: use.source.line, message: "\(use.context) is blank")
        }
    }
}

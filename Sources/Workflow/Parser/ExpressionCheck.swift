/// Where the expression language meets the loader: the one place a workflow's expressions are
/// type-checked against its fields (they are parsed as they are read).
enum ExpressionCheck {
    /// Type-checks every expression of a freshly parsed workflow against its fields: a condition
    /// (`when:`, choice branches) must be `bool`; a computed field's expression must fit the
    /// field; computed fields may not depend on themselves, directly or through others.
    ///
    /// Called by ``WorkflowParser/parse(_:file:)`` once the workflow is otherwise sound.
    /// - Parameters:
    ///   - workflow: The parsed workflow.
    ///   - file: The file, for error messages.
    /// - Throws: The first expression that does not check, e.g.
    ///   `workflows/risk-review.yaml:31: transition 'assess' choice branch 1 'scroe >= 15': unknown field 'scroe'…`.
    static func check(_ workflow: WorkflowDefinition, file: String) throws(WorkflowLoadError) {
        let types = Dictionary(uniqueKeysWithValues: workflow.fields.map { ($0.name, $0.type) })
        for use in workflow.expressionUses {
            do throws(ExpressionError) {
                switch use.expected {
                case .condition: try use.source.expression.typeCheckCondition(fields: types)
                case .value(let type, let field):
                    try use.source.expression.typeCheckComputedField(named: field, type: type, fields: types)
                }
            } catch {
                throw WorkflowLoadError(
                    file: file, line: use.source.line, message: message(use.context, use.source.text, error))
            }
        }
        try ComputedFieldOrder.check(workflow, file: file)
    }

    /// How an expression error reads: the place, the expression, then what is wrong.
    static func message(_ context: String, _ text: String, _ error: ExpressionError) -> String {
        "\(context) '\(text)': \(error.message) (column \(error.column))"
    }
}

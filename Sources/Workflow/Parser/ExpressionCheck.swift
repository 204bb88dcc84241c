/// Where the expression language meets the loader: the one place a workflow's expressions are
/// type-checked against its fields (they are parsed as they are read).
enum ExpressionCheck {
    /// Type-checks every expression of a freshly read workflow against its fields: a condition
    /// (`when:`, choice branches) must be `bool`; a computed field's expression must fit the
    /// field; computed fields may not depend on themselves, directly or through others.
    ///
    /// Called by ``WorkflowParser/parse(_:file:)`` with the fields and transitions that read
    /// without a problem. An expression that reads a field with problems of its own is not
    /// checked: its type is unknown.
    /// - Parameters:
    ///   - scope: The workflow's fields and transitions.
    ///   - file: The file, for error messages.
    ///   - problems: Where each expression that does not check is reported, e.g.
    ///   `workflows/risk-review.yaml:31: transition 'assess' choice branch 1 'scroe >= 15': unknown field 'scroe'…`.
    static func check(_ scope: WorkflowScope, file: String, problems: inout LoadProblems) {
        guard !scope.fields.unreadable else { return }
        let fields = scope.fields.valid
        let types = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.type) })
        for use in ExpressionUse.uses(fields: fields, transitions: scope.transitions.valid)
        where use.source.expression.fieldNames.isDisjoint(with: scope.fields.broken) {
            do throws(ExpressionError) {
                switch use.expected {
                case .condition:
                    // Conditions also read the current date and who fires the transition;
                    // computed values may not, or they would go stale.
                    let context = Dictionary(
                        uniqueKeysWithValues: TransitionContext.conditionNames.map { ($0.name, $0.type) })
                    try use.source.expression.typeCheckCondition(
                        fields: types.merging(context) { field, _ in field })
                case .value(let type, let field):
                    try use.source.expression.typeCheckComputedField(named: field, type: type, fields: types)
                }
            } catch {
                problems.report(
                    WorkflowLoadError(
                        file: file, line: use.source.line, message: message(use.context, use.source.text, error)))
            }
        }
        _ = problems.attempt { () throws(WorkflowLoadError) in try ComputedFieldOrder.check(fields, file: file) }
    }

    /// How an expression error reads: the place, the expression, then what is wrong.
    static func message(_ context: String, _ text: String, _ error: ExpressionError) -> String {
        "\(context) '\(text)': \(error.message) (column \(error.column))"
    }
}

/// One place a workflow uses an expression, and what type the expression must have there.
struct ExpressionUse {
    /// What the expression must evaluate to.
    enum Expected {
        /// A condition: a `when:` guard or a choice branch.
        case condition
        /// A computed field's value, of the field's type.
        case value(FieldType, field: String)
    }

    /// How messages name the place, e.g. `transition 'assess' choice branch 1`.
    let context: String
    /// The expression.
    let source: ExpressionSource
    /// What it must evaluate to.
    let expected: Expected
}

extension WorkflowDefinition {
    /// Every expression in the workflow, in file order: computed fields, then transitions'
    /// choice branches and `when:` guards.
    var expressionUses: [ExpressionUse] {
        ExpressionUse.uses(fields: fields, transitions: transitions)
    }
}

extension ExpressionUse {
    /// Every expression of `fields` and `transitions`, in file order: computed fields, then
    /// transitions' choice branches and `when:` guards.
    static func uses(fields: [FieldDefinition], transitions: [TransitionDefinition]) -> [ExpressionUse] {
        var uses: [ExpressionUse] = []
        for field in fields {
            guard let compute = field.compute else { continue }
            uses.append(
                ExpressionUse(
                    context: "field '\(field.name)' compute", source: compute,
                    expected: .value(field.type, field: field.name)))
        }
        for transition in transitions {
            if case .choice(let branches) = transition.to {
                for (index, branch) in branches.enumerated() {
                    guard let when = branch.when else { continue }
                    let context = "transition '\(transition.name)' choice branch \(index + 1)"
                    uses.append(ExpressionUse(context: context, source: when, expected: .condition))
                }
            }
            if let when = transition.guards.when {
                uses.append(
                    ExpressionUse(context: "transition '\(transition.name)' when", source: when, expected: .condition))
            }
        }
        return uses
    }
}

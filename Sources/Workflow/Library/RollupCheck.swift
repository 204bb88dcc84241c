/// Checks roll-up fields across files: each sums an `int` or `decimal` field of a workflow that
/// exists.
struct RollupCheck {
    /// The workflows, one per name, in file order.
    let workflows: [LibraryCheck.Item]
    /// Names declared by files that do not load.
    let unparsedNames: Set<String>

    /// Every problem, in file order.
    func problems() -> [WorkflowLoadError] {
        workflows.flatMap { item in
            item.parsed.definition.fields.compactMap { field -> WorkflowLoadError? in
                guard let rollup = field.rollup, let problem = problem(of: rollup) else { return nil }
                return WorkflowLoadError(
                    file: item.file.path, line: rollup.line, message: "field '\(field.name)' sums \(problem)")
            }
        }
    }

    private func problem(of rollup: FieldRollup) -> String? {
        guard let child = workflows.first(where: { $0.name == rollup.workflow }) else {
            return unparsedNames.contains(rollup.workflow) ? nil : "over unknown workflow '\(rollup.workflow)'"
        }
        switch child.parsed.definition.field(named: rollup.field)?.type {
        case .int?, .decimal?: return nil
        case nil: return "'\(rollup.field)', which '\(rollup.workflow)' does not have"
        case let type?:
            return "'\(rollup.field)' of '\(rollup.workflow)', a \(type) field; it sums int or decimal fields"
        }
    }
}

/// Checks lookup fields across files: each takes a field of a workflow that exists, of the same
/// type as itself, matched by a field both workflows declare with one type.
struct LookupCheck {
    /// The workflows, one per name, in file order.
    let workflows: [LibraryCheck.Item]
    /// Names declared by files that do not load.
    let unparsedNames: Set<String>

    /// Every problem, in file order.
    func problems() -> [WorkflowLoadError] {
        workflows.flatMap { item in
            item.parsed.definition.fields.compactMap { field -> WorkflowLoadError? in
                guard let lookup = field.lookup,
                    let problem = problem(of: lookup, for: field, in: item.parsed.definition)
                else { return nil }
                return WorkflowLoadError(
                    file: item.file.path, line: lookup.line, message: "field '\(field.name)' looks up \(problem)")
            }
        }
    }

    private func problem(of lookup: FieldLookup, for field: FieldDefinition, in own: WorkflowDefinition) -> String? {
        guard let records = workflows.first(where: { $0.name == lookup.workflow })?.parsed.definition else {
            return unparsedNames.contains(lookup.workflow) ? nil : "in unknown workflow '\(lookup.workflow)'"
        }
        guard let taken = records.field(named: lookup.field) else {
            return "'\(lookup.field)', which '\(lookup.workflow)' does not have"
        }
        guard taken.type == field.type else {
            return
                "'\(lookup.field)' of '\(lookup.workflow)', of type \(taken.type), into a field of type \(field.type)"
        }
        guard let key = records.field(named: lookup.key) else {
            return "by '\(lookup.key)', which '\(lookup.workflow)' does not have"
        }
        guard let ownKey = own.field(named: lookup.key), ownKey.type == key.type else {
            return "by '\(lookup.key)', of type \(key.type) in '\(lookup.workflow)' and not in this workflow"
        }
        return nil
    }
}

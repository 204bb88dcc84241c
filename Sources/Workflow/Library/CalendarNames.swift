/// Reads the names of the business calendars that `calendars.yaml` defines.
///
/// Only the names are read for now: each top-level key is a calendar, `[a-z0-9-]+`, whose value
/// must be a mapping (its timezone, hours and holidays are read by a later version).
enum CalendarNames {
    /// The calendar that always exists, whether or not `calendars.yaml` defines it.
    static let builtIn = "24x7"

    /// The calendar names of a `calendars.yaml`, in file order.
    static func read(_ file: WorkflowSourceFile) throws(WorkflowLoadError) -> [String] {
        let document = try YAMLDocument.compose(file.text, file: file.path)
        let root = SourceNode(node: document.node, line: document.line, label: "calendars.yaml", file: file.path)
        let mapping = try root.mapping(context: "calendars", allowingNull: true)
        var names: [String] = []
        for (name, value) in mapping.namedValues(label: { "calendar '\($0)'" }) {
            guard NameRules.isWorkflowName(name.name) else {
                throw WorkflowLoadError(
                    file: file.path, line: name.line,
                    message: "calendar name '\(name.name)' must use only a-z, 0-9 and '-'")
            }
            _ = try value.mapping(context: value.label)
            names.append(name.name)
        }
        return names
    }
}

import ArgumentParser
import OpslineClient

/// The filters and order `opsline task list` takes besides workflow, state, team and assignee.
struct TaskListFilters: ParsableArguments {
    @Flag(help: "Only open tasks (not in a final state).")
    var open = false

    @Flag(help: "Only tasks with a breached SLA clock.")
    var breached = false

    @Option(
        name: .customLong("at-risk"),
        help: ArgumentHelp("Only tasks with a running SLA clock due within this time.", valueName: "duration"))
    var atRisk: String?

    @Option(help: "Only tasks of this priority.")
    var priority: String?

    @Option(help: ArgumentHelp("Only children of this task.", valueName: "id"))
    var parent: String?

    @Flag(help: "Only tasks assigned to you.")
    var mine = false

    @Flag(help: "Only tasks nobody is assigned to.")
    var unassigned = false

    @Option(
        name: .customLong("field"),
        help: ArgumentHelp(
            "Only tasks whose field holds this value (repeatable; a list field: holds it).", valueName: "name=value"))
    var fields: [String] = []

    @Option(help: ArgumentHelp("Only tasks whose title or text fields hold these words.", valueName: "text"))
    var search: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The order: due, priority, updated, created, or a field's value: field.<name> (smallest first) or "
                + "-field.<name> (largest first). Default: oldest first.",
            valueName: "order"))
    var sort: String?

    @Flag(help: "Every matching task: no limit.")
    var all = false

    func validate() throws {
        if let atRisk {
            _ = try DurationArgument.parse(atRisk, option: "--at-risk", examples: "30m, 2h or 1d")
        }
        if let sort, !["due", "priority", "updated", "created"].contains(sort),
            !sort.hasPrefix("field."), !sort.hasPrefix("-field.")
        {
            throw ValidationError(
                "--sort must be due, priority, updated, created, field.<name> or -field.<name>, not '\(sort)'")
        }
        if mine && unassigned { throw ValidationError("--mine and --unassigned exclude each other") }
        for field in fields { _ = try Self.condition(field) }
    }

    /// Adds these criteria to `filter`.
    func apply(to filter: inout TaskFilter) throws {
        if open { filter.open = true }
        if breached { filter.breached = true }
        filter.atRisk = atRisk
        filter.priority = priority ?? filter.priority
        filter.parent = parent
        if mine { filter.assignee = "me" }
        if unassigned { filter.unassigned = true }
        filter.fields = try fields.map(Self.condition)
        filter.search = search
        filter.sort = sort
    }

    /// `name=value`, split at the first `=`.
    static func condition(_ text: String) throws -> TaskFilter.FieldCondition {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("--field takes name=value, not '\(text)'")
        }
        return TaskFilter.FieldCondition(
            name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }
}

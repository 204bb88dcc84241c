import Postgres
import Workflow

extension CommandTransaction {
    /// The child's date fields a spawn keeps from its parent (`dates:`), as the parent's fields
    /// give them now, in the child workflow's calendar; a date the parent lacks is left out.
    func parentDates(of child: SpawnedChild, parent: TaskRecord) -> [String: JSONValue] {
        guard !child.dates.isEmpty else { return [:] }
        let calendar = workflowCalendar(of: child.workflow)
        return child.dates.compactMapValues { $0.value(from: parent.fields, in: calendar) }
    }

    /// Keeps a spawned child's date rules, so that ``followParentDates(of:definition:before:)`` moves its
    /// dates with the parent's.
    func keepParentDates(of child: SpawnedChild, on task: TaskRecord) async throws {
        guard !child.dates.isEmpty else { return }
        let rules = JSONValue.object(child.dates.mapValues { .string($0.description) })
        try await write(ParentDateSQL.keep, [task.id, rules.jsonText])
    }

    /// Moves the dates of the parent's open children that keep a date from a field that changed
    /// (`before`: the parent's fields before the command), as the workflow's own doing: each child
    /// records an `updated` event noting the parent, and its clocks follow (a deadline target is
    /// retargeted). A child whose state freezes that field keeps its date, and records why.
    ///
    /// Only a workflow whose spawns keep dates (`definition`, the parent's version) asks for its
    /// children: other commands cost no query.
    func followParentDates(
        of parent: TaskRecord, definition: WorkflowDefinition, before: [String: JSONValue]
    ) async throws {
        let kept = Set(definition.states.flatMap { $0.spawns.flatMap { $0.dates.values.map(\.field) } })
        let changed = kept.filter { parent.fields[$0] != before[$0] }
        guard !changed.isEmpty else { return }
        let rows = try await connection.query(ParentDateSQL.followers, [parent.id], prepared: true).rows
        for row in rows {
            let rules = try JSONText.decodeObject(try row.decode("parent_dates")).compactMapValues {
                $0.stringValue.flatMap(ParentDate.init(parsing:))
            }.filter { changed.contains($0.value.field) }
            guard !rules.isEmpty else { continue }
            try await follow(rules, child: try row.decode("id"), of: parent)
        }
    }

    private func follow(_ rules: [String: ParentDate], child id: String, of parent: TaskRecord) async throws {
        let (child, _) = try await lockedTask(id)
        let definition = try await definition(of: child)
        let calendar = workflowCalendar(of: child.workflow)
        let changes = rules.mapValues { $0.value(from: parent.fields, in: calendar) ?? .null }
            .filter { child.fields[$0.key] ?? .null != $0.value }
        guard !changes.isEmpty else { return }
        let note = "follows \(parent.id) " + rules.keys.sorted().map { "\($0) = \(rules[$0]!)" }.joined(separator: ", ")
        let fields: [String: JSONValue]
        do throws(RuleViolation) {
            fields = try definition.applyFieldChanges(changes, to: child.fields, inState: child.state)
        } catch {
            record(child, "dates_not_followed", ["reason": .string(error.message), "note": .string(note)])
            return
        }
        let followed = try await saveDerivedFields(fields, of: child, definition: definition, note: note)
        try await followParentDates(of: followed, definition: definition, before: child.fields)
    }

    /// The calendar a workflow's dates count working days in, and its `today` is read in: its
    /// `calendar:`, else `24x7`.
    func workflowCalendar(of workflow: String) -> BusinessCalendar {
        catalog.latest(workflow)?.definition.calendar.flatMap { catalog.calendars.businessCalendar(named: $0) }
            ?? .twentyFourSeven
    }
}

import Postgres
import Workflow

/// One record a lookup field asks for: the newest open task of `workflow` whose fields contain
/// `match` (`{"customer":"ACME"}`, as JSON text) and have `field`.
struct LookupWant: Hashable {
    let workflow: String
    let match: String
    let field: String

    init(_ lookup: FieldLookup, key: JSONValue) {
        workflow = lookup.workflow
        match = JSONValue.object([lookup.key: key]).jsonText
        field = lookup.field
    }
}

/// What a lookup found: the record's id and the value of its field.
struct LookupFound {
    let recordID: String
    let value: JSONValue

    /// Reads `id` and `value` of a ``LookupSQL`` row.
    init(row: PostgresRow) throws {
        recordID = try row.decode("id")
        value = try JSONText.decodeValue(try row.decode("value", as: String.self))
    }
}

extension CommandTransaction {
    /// `changes` — a new task's fields, or the fields a command sets on `current` — with the
    /// values its lookup fields take from their records (``FieldLookup``). A lookup runs when the
    /// command sets its `by` field or the looked-up field itself; a record found wins over a value
    /// the command gives, none leaves the command's (or the default).
    func withLookups(
        _ changes: [String: JSONValue], current: [String: JSONValue], definition: WorkflowDefinition
    ) async throws -> [String: JSONValue] {
        var result = changes
        for (field, lookup) in definition.lookups where changes[lookup.key] != nil || changes[field.name] != nil {
            guard let key = changes[lookup.key] ?? current[lookup.key], key != .null,
                let found = try await record(LookupWant(lookup, key: key)),
                definition.accepts(found.value, forField: field.name)
            else { continue }
            result[field.name] = found.value
        }
        return result
    }

    /// The record `want` names: as looked up ahead for the batch (``lookUpRecords(of:)``), or read
    /// now.
    private func record(_ want: LookupWant) async throws -> LookupFound? {
        if let known = lookedUp[want] { return known }
        let row = try await connection.query(LookupSQL.record, [want.workflow, want.match, want.field], prepared: true)
            .first
        return try row.map(LookupFound.init(row:))
    }

    /// Forgets the records looked up ahead once `task`, a record some lookup reads, changed: a
    /// later line reads the records as they now are.
    func forgetLookups(after task: TaskRecord) {
        guard !lookedUp.isEmpty, catalog.isLookedUp(task.workflow) else { return }
        lookedUp.removeAll()
    }

    /// Looks up, in one statement, the records a batch's new tasks ask for, so that its lines
    /// need no round trip of their own. A line that creates or changes a record makes the later
    /// lines read theirs again (``forgetLookups(after:)``).
    func lookUpRecords(of entries: [BatchCommand]) async throws {
        var wants: [LookupWant] = []
        for entry in entries where entry.keyRefusal == nil {
            guard case .create(let new) = entry.command, let definition = catalog.latest(new.workflow)?.definition
            else { continue }
            for (_, lookup) in definition.lookups {
                guard let key = new.fields[lookup.key], key != .null else { continue }
                let want = LookupWant(lookup, key: key)
                if lookedUp[want] == nil, !wants.contains(want) { wants.append(want) }
            }
        }
        guard !wants.isEmpty else { return }
        let rows = try await connection.query(
            LookupSQL.records, [wants.map(\.workflow), wants.map(\.match), wants.map(\.field)], prepared: true
        ).rows
        for want in wants { lookedUp[want] = .some(nil) }
        for row in rows {
            lookedUp[wants[Int(try row.decode("wanted", as: Int64.self)) - 1]] = try LookupFound(row: row)
        }
    }
}

import Foundation
import Workflow

/// The limits on the text a command carries, checked before any of its SQL runs; docs/api.md
/// ("Limits") states the same numbers.
///
/// - No text holds a NUL character, nested `fields` values and keys included: libpq passes text
///   as C strings, which end at a NUL (`visible\u0000HIDDEN` would be stored as `visible`), and
///   `jsonb` refuses `\u0000`.
/// - Identifiers — a team, assignee, priority, idempotency key, task id, workflow or transition
///   name — hold at most ``identifierLength`` characters: several are indexed, and PostgreSQL
///   refuses an index entry over about 2,700 bytes.
/// - A title holds 1 to ``titleLength`` characters; a comment or a transition's note at most
///   ``textLength``, and a comment is not blank.
///
/// Lengths count Unicode code points, as PostgreSQL's `length()` does.
public enum InputLimits {
    /// The most characters of an identifier.
    public static let identifierLength = 255
    /// The most characters of a task's title.
    public static let titleLength = 1_000
    /// The most characters of a comment or a note.
    public static let textLength = 65_536

    /// The problem of a text holding a NUL character.
    public static let nulProblem = "must not contain NUL (\\u0000)"

    /// What is wrong with `value` as an identifier, or nil when nothing is.
    public static func problem(identifier value: String) -> String? {
        problem(value, maximum: identifierLength)
    }

    /// What is wrong with `value` as a text of at most `maximum` characters, or nil.
    static func problem(_ value: String, maximum: Int) -> String? {
        if value.utf8.contains(0) { return nulProblem }
        // A code point takes at least one UTF-8 byte: only a longer text needs counting.
        if value.utf8.count > maximum, value.unicodeScalars.count > maximum {
            return "must be at most \(maximum) characters"
        }
        return nil
    }

    /// What is wrong with a JSON value, or nil: a NUL character in any string or object key,
    /// however deeply nested.
    public static func problem(in value: JSONValue) -> String? {
        value.holdsNUL ? nulProblem : nil
    }
}

extension JSONValue {
    /// True when a string or an object key anywhere in the value holds a NUL character.
    fileprivate var holdsNUL: Bool {
        switch self {
        case .null, .bool, .int, .double: false
        case .string(let text): text.utf8.contains(0)
        case .array(let values): values.contains { $0.holdsNUL }
        case .object(let members): members.contains { $0.key.utf8.contains(0) || $0.value.holdsNUL }
        }
    }
}

extension TaskCommand {
    /// Every value of the command that breaks ``InputLimits``, as field problems (none when the
    /// command may go to SQL). A workflow field is named by its name; a NUL in a field's name is
    /// reported on `fields`.
    var inputProblems: [FieldProblem] {
        var check = InputCheck()
        switch self {
        case .create(let task):
            check.identifier("workflow", task.workflow)
            check.title(task.title)
            check.fields(task.fields)
            check.identifier("team", task.team)
            check.identifier("assignee", task.assignee)
            check.identifier("priority", task.priority)
            check.identifier("parent", task.parent)
        case .transition(let request):
            check.identifier("task", request.taskID)
            check.identifier("transition", request.transition)
            check.fields(request.fields)
            check.text("note", request.note)
        case .update(let update):
            check.identifier("task", update.taskID)
            check.fields(update.fields)
            if let title = update.title { check.title(title) }
            check.identifier("assignee", update.assignee ?? nil)
            check.identifier("team", update.team ?? nil)
            check.identifier("priority", update.priority ?? nil)
        case .comment(let taskID, let text):
            check.identifier("task", taskID)
            check.text("text", text)
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                check.problems.append(FieldProblem(field: "text", problem: "must not be empty"))
            }
        case .link(let change):
            check.identifier("task", change.taskID)
            check.identifier("task", change.other)
        case .check(let tick):
            check.identifier("task", tick.taskID)
            check.identifier("item", tick.item)
        case .attach(let upload):
            check.identifier("task", upload.taskID)
            check.identifier("field", upload.field)
            check.title(upload.name, field: "name")
        }
        return check.problems
    }

    /// Why the command may not go to SQL (``InputLimits``), or nil when it may: 422
    /// `validation_failed` naming each field at fault.
    var inputRefusal: StoreError? {
        let problems = inputProblems
        return problems.isEmpty ? nil : .rule(.invalidFields(problems.sorted { $0.field < $1.field }))
    }
}

extension BatchCommand {
    /// Why the command's idempotency key may not be claimed (``InputLimits``), or nil when it may.
    var keyRefusal: StoreError? {
        guard let key = idempotencyKey, let problem = InputLimits.problem(identifier: key) else { return nil }
        return .rule(.invalidFields([FieldProblem(field: "idempotency_key", problem: problem)]))
    }
}

/// Collects the problems of one command's values.
private struct InputCheck {
    var problems: [FieldProblem] = []

    mutating func identifier(_ field: String, _ value: String?) {
        guard let value, let problem = InputLimits.problem(identifier: value) else { return }
        problems.append(FieldProblem(field: field, problem: problem))
    }

    mutating func title(_ value: String, field: String = "title") {
        if value.isEmpty {
            problems.append(FieldProblem(field: field, problem: "must not be empty"))
        } else if let problem = InputLimits.problem(value, maximum: InputLimits.titleLength) {
            problems.append(FieldProblem(field: field, problem: problem))
        }
    }

    mutating func text(_ field: String, _ value: String?) {
        guard let value, let problem = InputLimits.problem(value, maximum: InputLimits.textLength) else { return }
        problems.append(FieldProblem(field: field, problem: problem))
    }

    mutating func fields(_ fields: [String: JSONValue]) {
        if fields.keys.contains(where: { $0.utf8.contains(0) }) {
            problems.append(FieldProblem(field: "fields", problem: "names \(InputLimits.nulProblem)"))
        }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) where !name.utf8.contains(0) {
            if let problem = InputLimits.problem(in: value) {
                problems.append(FieldProblem(field: name, problem: problem))
            }
        }
    }
}

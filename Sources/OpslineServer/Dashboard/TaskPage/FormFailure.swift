import Workflow

/// A form of the task page that a command refused: the page is shown again with the message at
/// the top, each problem next to the field it names, and what the user typed still in the form.
struct FormFailure {
    /// Which form: a transition's name, ``comment`` or ``assign``.
    let form: String
    /// The sentence at the top of the page.
    let summary: String
    /// The problem of each field the refusal names, by field name (`text` for the comment).
    let problems: [String: String]
    /// What the user typed, by field name.
    let typed: [String: String]

    /// The comment form's name (a `#` no transition's name holds).
    static let comment = "#comment"
    /// The assign-to-me form's name.
    static let assign = "#assign"
    /// The name of a checklist tick's form.
    static let checklist = "#checklist"
    /// The name of the link form.
    static let link = "#link"

    /// The failure of `form` from a refusal's error object (the API's: `message`, and the fields
    /// it names under `fields` — each with its problem — `missing_fields` or `field`).
    init(form: String, error: JSONValue, typed: [String: String]) {
        let message = error["message"]?.stringValue ?? "the change was refused"
        var problems: [String: String] = [:]
        if case .object(let fields)? = error["fields"] {
            for (name, problem) in fields { problems[name] = problem.stringValue ?? message }
        }
        if case .array(let missing)? = error["missing_fields"] {
            // The guard's own sentence, beside each field it needs.
            for name in missing.compactMap(\.stringValue) { problems[name] = message }
        }
        if let name = error["field"]?.stringValue, problems[name] == nil { problems[name] = message }
        self.form = form
        self.summary = message
        self.problems = problems
        self.typed = typed
    }
}

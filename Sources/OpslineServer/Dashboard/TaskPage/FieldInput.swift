import Foundation
import Workflow

/// One workflow field as an input of a task page form: the kind of control its type calls for,
/// what it shows, and the problem the last attempt met with it.
struct FieldInput {
    /// The kind of HTML control.
    enum Control {
        /// `<select>` with these choices (values, as sent), a blank first.
        case select([(value: String, text: String)])
        /// `<textarea>`.
        case textArea
        /// `<input type=…>`, with `step`, `min` and `max` for numbers.
        case input(type: String, step: String?)
    }

    /// The field.
    let field: FieldDefinition
    /// The text the control shows: what the user typed, else the task's value.
    var text: String
    /// What was wrong with it last time, shown next to it.
    var problem: String?

    /// The name the form posts the field under (`field.<name>`), apart from the form's own
    /// `csrf` and `idempotency_key`.
    static func formName(_ field: String) -> String { "field." + field }

    /// The control `field`'s type calls for.
    var control: Control {
        switch field.type {
        case .enumeration(let values): .select(values.map { ($0, $0) })
        case .bool: .select([("true", "yes"), ("false", "no")])
        case .int: .input(type: "number", step: "1")
        case .decimal: .input(type: "number", step: "any")
        case .date: .input(type: "date", step: nil)
        case .text: .textArea
        case .string, .user, .list, .attachment: .input(type: "text", step: nil)
        }
    }

    /// A hint under the label, for types a control does not explain.
    var hint: String? {
        switch field.type {
        case .list(let items): "a list of \(items): separate the values with commas"
        case .user: "a user name"
        default: nil
        }
    }

    /// `value` as the control shows it (a list as comma-separated items).
    static func text(of value: JSONValue?) -> String {
        switch value {
        case nil, .null?: ""
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .double(let number)?: String(number)
        case .bool(let flag)?: flag ? "true" : "false"
        case .array(let items)?: items.map { text(of: $0) }.joined(separator: ", ")
        case .object?: value!.jsonText
        }
    }

    /// The value the control's `text` stands for, as the API would be sent it; nil when blank
    /// (not sent, so the task keeps its value and a `require:` guard names the field when it has
    /// none). Text that is not of the field's type is sent as it is, for the command's own
    /// validation to refuse naming the field.
    static func value(of text: String, type: FieldType) -> JSONValue? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        switch type {
        case .int:
            return Int64(text).map(JSONValue.int) ?? .string(text)
        case .decimal:
            if let whole = Int64(text) { return .int(whole) }
            return Double(text).flatMap { $0.isFinite ? JSONValue.double($0) : nil } ?? .string(text)
        case .bool:
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return .string(text)
            }
        case .list(let items):
            let parts = text.split(separator: ",").map { String($0) }
            return .array(parts.compactMap { value(of: $0, type: items) })
        case .string, .text, .date, .user, .enumeration, .attachment:
            return .string(text)
        }
    }

    /// The values `for` the mustache template (`task` template, `inputs` of a form).
    /// - Parameter form: The form's id prefix, making each control's id unique on the page.
    func values(form: String) -> [String: Any] {
        let id = "\(form)-\(field.name)"
        var values: [String: Any] = [
            "inputID": id, "inputName": Self.formName(field.name), "fieldName": field.name,
            "label": field.title ?? field.name, "inputText": text, "invalid": problem != nil,
        ]
        if let problem { values["fieldProblem"] = problem }
        if let hint { values["fieldHint"] = hint }
        switch control {
        case .select(let choices):
            values["isSelect"] = true
            values["options"] = choices.map { choice -> [String: Any] in
                ["value": choice.value, "text": choice.text, "selected": choice.value == text]
            }
        case .textArea:
            values["isTextArea"] = true
        case .input(let type, let step):
            values["isInput"] = true
            values["inputType"] = type
            if let step { values["step"] = step }
            if let min = field.min { values["min"] = Self.number(min) }
            if let max = field.max { values["max"] = Self.number(max) }
        }
        return values
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

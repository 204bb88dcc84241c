import Foundation
import OpslineStore
import Workflow

/// An event of a task's history in words, for the task page: what changed, one line a change
/// (docs/api.md, "The event stream", lists what each type's `data` holds).
struct EventDescription {
    let event: EventRecord

    /// One line per change, such as `resolve: investigating → resolved` or `resolution = "…"`.
    var lines: [String] {
        let data = event.data
        switch event.type {
        case "created":
            var lines = ["created in state \(text(data["state"]))"]
            if let assignee = data["assignee"]?.stringValue { lines.append("assigned to \(assignee)") }
            return lines + rest(of: data, without: ["state", "assignee", "workflow_version"])
        case "transitioned":
            var lines = ["\(text(data["transition"])): \(text(data["from"])) → \(text(data["to"]))"]
            lines += fieldLines(data["fields"])
            if let note = data["note"]?.stringValue { lines.append("note: \(note)") }
            return lines + rest(of: data, without: ["transition", "from", "to", "fields", "note"])
        case "updated", "assigned":
            var lines: [String] = []
            for key in data.keys.sorted() where key != "fields" {
                if let from = data[key]?["from"], let to = data[key]?["to"] {
                    lines.append("\(key): \(text(from)) → \(text(to))")
                } else {
                    lines.append("\(key): \(text(data[key]))")
                }
            }
            return fieldLines(data["fields"]) + lines
        case "commented":
            return [text(data["text"])]
        case "linked", "unlinked":
            return ["\(text(data["link"])) \(text(data["task"]))"]
        case "checked", "unchecked":
            let progress = data["progress"].map { " (\(text($0["done"])) of \(text($0["total"])) ticked)" } ?? ""
            return ["\(text(data["item"])) in \(text(data["state"]))\(progress)"]
        case "attached":
            let file = data["attachment"]
            let size = file?["size"]?.intValue.map { " (\($0) bytes)" } ?? ""
            let field = file?["field"]?.stringValue.map { " into \($0)" } ?? ""
            return ["\(text(file?["name"]))\(size)\(field)"]
        case "spawned":
            return ["child \(text(data["child"])) (\(text(data["workflow"]))) in state \(text(data["state"]))"]
                + rest(of: data, without: ["child", "workflow", "state"])
        default:
            if event.type.hasPrefix("sla_") || event.type == "escalated" {
                var head = "\(text(data["policy"])), cycle \(text(data["cycle"])): \(text(data["state"]))"
                if let level = data["escalation_level"] { head += ", escalation level \(text(level))" }
                return [head] + rest(of: data, without: ["policy", "cycle", "state", "escalation_level"])
            }
            return rest(of: data, without: [])
        }
    }

    /// `name = value` for each field set.
    private func fieldLines(_ fields: JSONValue?) -> [String] {
        guard case .object(let fields)? = fields else { return [] }
        return fields.keys.sorted().map { "\($0) = \(fields[$0]!.jsonText)" }
    }

    /// `key: value` for every key of `data` not named in `shown`.
    private func rest(of data: [String: JSONValue], without shown: Set<String>) -> [String] {
        data.keys.sorted().filter { !shown.contains($0) }.map { "\($0): \(text(data[$0]))" }
    }

    /// A value as text: a string as it is, `none` for null, anything else as JSON.
    private func text(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "none"
        case .string(let text)?: text
        case let value?: value.jsonText
        }
    }
}

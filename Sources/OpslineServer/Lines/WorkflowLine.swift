import OpslineStore
import Workflow

/// A published workflow as one line of `GET /v1/workflows` (and, with `changed`, the answer to
/// `PUT /v1/workflows/{name}`, and `unsubscribed`): `{"name","title","key","team","calendar","version",
/// "published_at","checksum"}`, every key always present.
struct WorkflowLine: Sendable {
    /// The calendar a workflow without `calendar:` measures its SLAs in.
    static let defaultCalendar = BusinessCalendar.twentyFourSeven.name

    let workflow: PublishedWorkflow
    /// Whether the request that answers with this line published a new version; absent otherwise.
    var changed: Bool? = nil
    /// The receivers the workflow's `notify:` names that no subscription has yet, in the answer to
    /// a `PUT`; absent otherwise.
    var unsubscribed: [String]? = nil

    /// The line as a JSON value.
    var json: JSONValue { .object(members) }

    /// The line's members, for lines that add to them (the definition document).
    var members: [String: JSONValue] {
        let definition = workflow.definition
        var members: [String: JSONValue] = [
            "name": .string(definition.name),
            "title": .string(definition.title),
            "key": .string(definition.key),
            "team": .string(definition.team),
            "calendar": .string(definition.calendar ?? Self.defaultCalendar),
            "version": .int(Int64(workflow.version)),
            "published_at": .string(RFC3339.format(workflow.publishedAt)),
            "checksum": .string(workflow.checksum),
        ]
        if let changed { members["changed"] = .bool(changed) }
        if let unsubscribed { members["unsubscribed"] = .array(unsubscribed.map(JSONValue.string)) }
        return members
    }
}

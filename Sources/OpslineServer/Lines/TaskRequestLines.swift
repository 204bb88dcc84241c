import OpslineStore
import Workflow

/// A line of `POST /v1/tasks`.
///
/// The line may also carry `idempotency_key`, which the route reads beside these keys
/// (`TaskRoutes.create`).
struct CreateTaskLine: RequestLineBody {
    static let keys: Set<String> = ["workflow", "title", "fields", "team", "assignee", "priority", "parent"]

    let workflow: String
    let title: String
    let fields: [String: JSONValue]?
    let team: String?
    let assignee: String?
    let priority: String?
    let parent: String?

    /// The store command this line asks for.
    var command: NewTask {
        var command = NewTask(workflow: workflow, title: title)
        command.fields = fields ?? [:]
        command.team = team
        command.assignee = assignee
        command.priority = priority
        command.parent = parent
        return command
    }
}

/// The body of `POST /v1/tasks/{id}/transitions`.
struct TransitionLine: RequestLineBody {
    static let keys: Set<String> = ["transition", "fields", "note", "expected_version"]

    let transition: String
    let fields: [String: JSONValue]?
    let note: String?
    let expected_version: Int?

    /// The store request for task `id`.
    func request(taskID: String) -> TransitionRequest {
        var request = TransitionRequest(taskID: taskID, transition: transition)
        request.fields = fields ?? [:]
        request.note = note
        request.expectedVersion = expected_version
        return request
    }
}

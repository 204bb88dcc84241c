import OpslineStore
import Workflow

/// A command line of `POST /v1/events`, decoded by its `op`.
enum CommandLineDecoder {
    /// The keys each op accepts.
    static let keysByOp: [String: Set<String>] = [
        "create": CreateTaskLine.keys.union(["op", "idempotency_key"]),
        "transition": ["op", "task", "transition", "fields", "note", "expected_version", "idempotency_key"],
        "update": [
            "op", "task", "fields", "title", "assignee", "team", "priority", "expected_version", "idempotency_key",
        ],
        "assign": ["op", "task", "assignee", "team", "expected_version", "idempotency_key"],
        "comment": ["op", "task", "text", "idempotency_key"],
        "check": ["op", "task", "item", "done", "expected_version", "idempotency_key"],
    ]

    /// Decodes one line into a store command, or throws a 400 `bad_line` naming line and field.
    static func decode(_ line: RequestLine) throws -> BatchCommand {
        let object = try line.object()
        guard case .string(let op)? = object["op"] else {
            throw APIError.badLine(
                line.number, "field 'op' is required (create, transition, update, assign, comment, check)"
            )
            .with(field: "op")
        }
        guard let keys = keysByOp[op] else {
            throw APIError.badLine(line.number, "unknown op '\(op)'").with(field: "op")
        }
        let reader = LineObject(line: line.number, object: object, keys: keys)
        try reader.rejectUnknownKeys()
        let command: TaskCommand
        switch op {
        case "create":
            command = .create(try line.decode(CreateTaskLine.self, extraKeys: ["op", "idempotency_key"]).command)
        case "transition": command = .transition(try transition(reader))
        case "comment": command = .comment(taskID: try reader.string("task"), text: try reader.string("text"))
        case "check": command = .check(try tick(reader, of: try reader.string("task")))
        default: command = .update(try update(reader, assignOnly: op == "assign"))
        }
        return BatchCommand(
            command: command, idempotencyKey: try reader.optionalString("idempotency_key"),
            requestHash: line.digest)
    }

    /// `{"item", "done"?, "expected_version"?}` on task `taskID`: `done` is true unless it says
    /// false.
    static func tick(_ reader: LineObject, of taskID: String) throws -> ChecklistTick {
        ChecklistTick(
            taskID: taskID, item: try reader.string("item"),
            done: try reader.optionalBool("done") ?? true, expectedVersion: try reader.optionalInt("expected_version"))
    }

    private static func transition(_ reader: LineObject) throws -> TransitionRequest {
        var request = TransitionRequest(taskID: try reader.string("task"), transition: try reader.string("transition"))
        request.fields = try reader.fields()
        request.note = try reader.optionalString("note")
        request.expectedVersion = try reader.optionalInt("expected_version")
        return request
    }

    static func update(_ reader: LineObject, assignOnly: Bool) throws -> TaskUpdate {
        var update = TaskUpdate(taskID: try reader.string("task"))
        if assignOnly, !reader.has("assignee"), !reader.has("team") {
            throw APIError.badLine(reader.line, "field 'assignee' is required").with(field: "assignee")
        }
        update.fields = try reader.fields()
        update.title = try reader.optionalString("title")
        update.assignee = try reader.clearable("assignee")
        update.team = try reader.clearable("team")
        update.priority = try reader.clearable("priority")
        update.expectedVersion = try reader.optionalInt("expected_version")
        return update
    }
}

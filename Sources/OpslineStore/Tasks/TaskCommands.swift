import Workflow

/// What it takes to create a task.
public struct NewTask: Sendable, Hashable {
    /// The workflow's name; the task starts on its latest version.
    public var workflow: String
    /// A one-line summary.
    public var title: String
    /// Initial field values; defaults fill the rest.
    public var fields: [String: JSONValue] = [:]
    /// The owning team; the workflow's default team when nil.
    public var team: String?
    /// The first assignee.
    public var assignee: String?
    /// Priority such as `p1`.
    public var priority: String?
    /// The parent task's id.
    public var parent: String?

    /// Creates a command.
    public init(workflow: String, title: String) {
        self.workflow = workflow
        self.title = title
    }
}

/// A request to move a task along one transition.
public struct TransitionRequest: Sendable, Hashable {
    /// The task's id.
    public var taskID: String
    /// The transition's name.
    public var transition: String
    /// Field values set by this move (validated and merged before the guards run).
    public var fields: [String: JSONValue] = [:]
    /// A free-text note kept in the event.
    public var note: String?
    /// When set, the move is refused unless the task is still at this version.
    public var expectedVersion: Int?

    /// Creates a request.
    public init(taskID: String, transition: String) {
        self.taskID = taskID
        self.transition = transition
    }
}

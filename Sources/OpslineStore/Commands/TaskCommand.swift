import Workflow

/// One change to tasks, as a command line or an endpoint asks for it.
public enum TaskCommand: Sendable, Hashable {
    /// Create a task.
    case create(NewTask)
    /// Move a task along a transition.
    case transition(TransitionRequest)
    /// Change fields, title, assignee, team or priority.
    case update(TaskUpdate)
    /// Add a comment to the history.
    case comment(taskID: String, text: String)
    /// Attach a file (into an attachment field, if it names one).
    case attach(AttachmentUpload)
    /// Tick or untick an item of the checklist of the task's state.
    case check(ChecklistTick)
    /// Link the task to another (or remove the link).
    case link(LinkChange)
}

/// A partial change to a task (`PATCH`). `nil` leaves a property as it is; for the optional
/// properties, `.some(nil)` clears them.
public struct TaskUpdate: Sendable, Hashable {
    /// The task's id.
    public var taskID: String
    /// Field values to set; `null` removes an optional field.
    public var fields: [String: JSONValue] = [:]
    /// A new title.
    public var title: String?
    /// A new assignee, or `.some(nil)` to unassign.
    public var assignee: String??
    /// A new owning team.
    public var team: String??
    /// A new priority, or `.some(nil)` to clear it.
    public var priority: String??
    /// When set, refused unless the task is still at this version.
    public var expectedVersion: Int?
    /// The assignment rule that chose `assignee` (an escalation's), recorded on the event.
    var assignedBy: AssignmentRule.Kind?
    /// Whether the team the task leaves keeps access as a watching team: an SLA escalation's
    /// move, never a person's hand-over.
    var keepsPreviousTeam = false

    /// An update of `taskID` that changes nothing yet.
    public init(taskID: String) { self.taskID = taskID }

    /// True when only the assignee and/or team change: recorded as an `assigned` event.
    var isAssignment: Bool {
        fields.isEmpty && title == nil && priority == nil && (assignee != nil || team != nil)
    }
}

extension TaskCommand {
    /// The existing task the command changes; nil for `create`.
    public var taskID: String? {
        switch self {
        case .create: nil
        case .transition(let request): request.taskID
        case .update(let update): update.taskID
        case .comment(let taskID, _): taskID
        case .attach(let upload): upload.taskID
        case .check(let tick): tick.taskID
        case .link(let change): change.taskID
        }
    }
}

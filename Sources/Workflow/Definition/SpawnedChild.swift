/// A child task created when a task enters a state (`on_enter: {spawn: [...]}`).
///
/// Launch readiness, for example, spawns one readiness item per team when it enters
/// `preparing`; its `go_no_go` transition then waits for `children: done`.
public struct SpawnedChild: Sendable, Hashable {
    /// The child's workflow, e.g. `readiness-item`; it must exist in the same folder.
    public let workflow: String
    /// The child task's title, e.g. "Sales-team training".
    public let title: String
    /// The team that owns the child; `nil` means the child workflow's own `team:`.
    public let team: String?
    /// The child's field values, as written: YAML numbers and booleans keep their type, so text
    /// that looks like a number must be quoted. Checked against the child workflow's fields when
    /// the folder loads.
    public let fields: [String: JSONValue]
    /// A link from the child to the task that spawned it besides being its child (`link:
    /// caused_by`: an incident spawned by a risk that materialised).
    public let link: LinkType?
    /// Date fields of the child kept a number of working days from a date field of the parent
    /// (`dates: {due_date: "launch_date - 5d"}`), in the child workflow's calendar; set when the
    /// child is created, and again whenever the parent's field changes while the child is open.
    public let dates: [String: ParentDate]

    /// Creates a spawned child.
    /// - Parameters:
    ///   - workflow: The child's workflow.
    ///   - title: The child task's title.
    ///   - team: The owning team, or `nil` for the child workflow's team.
    ///   - fields: The child's field values.
    ///   - link: A link from the child to its parent.
    ///   - dates: The child's date fields kept from the parent's.
    public init(
        workflow: String, title: String, team: String? = nil, fields: [String: JSONValue] = [:], link: LinkType? = nil,
        dates: [String: ParentDate] = [:]
    ) {
        self.workflow = workflow
        self.title = title
        self.team = team
        self.fields = fields
        self.link = link
        self.dates = dates
    }
}

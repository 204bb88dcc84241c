/// A caller's role, as named in a transition's `roles:` guard.
///
/// The same five roles that API tokens carry: `admin`, `manager`, `member`, `service`, `viewer`.
public enum WorkflowRole: String, Sendable, Hashable, CaseIterable {
    /// Everything.
    case admin
    /// Managers of the owning team.
    case manager
    /// Team members.
    case member
    /// Other services posting events.
    case service
    /// Read-only callers.
    case viewer
}

/// The PostgreSQL `NOTIFY` channels the store announces on and every replica `LISTEN`s to; the
/// one place their names are spelled. A notification carries no state a listener relies on:
/// listeners re-read what they follow.
public enum NotifyChannel: String, Sendable, CaseIterable {
    /// A commit appended events: followed event streams read the log again.
    case events = "opsline_events"
    /// Time-driven work may fall due before the schedulers planned to look: they look now.
    case due = "opsline_due"
    /// A token was revoked, or a user disabled, enabled, made or unmade an admin, or given or
    /// taken a membership: every replica forgets the principals it has cached, and followed event
    /// streams check their token (and their user's teams) again.
    case tokens = "opsline_tokens"
    /// A new version of a workflow was published: every replica reads the catalog again, so new
    /// tasks everywhere start on it.
    case workflows = "opsline_workflows"
    /// Notifications were queued (a committed event that subscriptions hear, a retry, a test):
    /// every replica's deliverer looks for due deliveries now.
    case deliveries = "opsline_deliveries"
}

import Foundation
import Postgres
import Workflow

/// Subscriptions, and the delivery log the outbox keeps for them.
///
/// Which caller may do what is the server's to decide (docs/api.md, "Notifications"); the store
/// takes a ``TeamScope`` for every read, so no list can run unscoped.
public struct SubscriptionStore: Sendable {
    /// Rows fetched per round trip when listing deliveries.
    static let pageSize = 200

    let pool: PostgresPool
    let clock: OpslineClock
    /// The business calendars a digest may name.
    let calendars: CalendarBook

    /// Creates a subscription.
    /// - Parameter createdBy: The caller's name, recorded.
    /// - Returns: The subscription and its signing secret, which is shown this once: a webhook's
    ///   (made up unless given) or a robot's.
    /// - Throws: ``NotificationError/invalid(field:problem:)`` for a value that breaks
    ///   ``SubscriptionRules`` or a team that does not exist; ``NotificationError/duplicate(_:)``.
    public func create(_ new: NewSubscription, createdBy: String) async throws -> (Subscription, secret: String?) {
        let (checked, destination) = try SubscriptionRules.checked(new)
        if let digest = checked.digest, calendars.businessCalendar(named: digest.calendar) == nil {
            let known = calendars.businessCalendars.map(\.name).joined(separator: ", ")
            throw NotificationError.invalid(
                field: "digest.calendar", problem: "names no calendar '\(digest.calendar)' (known: \(known))")
        }
        let subscription = try await pool.inTransaction { [clock] connection -> Subscription in
            let named = Set([checked.team] + checked.filter.teams)
            let existing = Set(
                try await connection.query(NotificationSQL.existingTeams, [named.sorted()]).rows.map {
                    try $0.decode("name", as: String.self)
                })
            if !existing.contains(checked.team) {
                throw NotificationError.invalid(field: "team", problem: "names no team")
            }
            if let missing = checked.filter.teams.first(where: { !existing.contains($0) }) {
                throw NotificationError.invalid(field: "filter.teams", problem: "names no team '\(missing)'")
            }
            let filter = checked.filter
            guard
                let row = try await connection.query(
                    NotificationSQL.insertSubscription,
                    [
                        checked.name, checked.team, checked.events, filter.teams, filter.workflows, filter.priorities,
                        filter.policies, filter.toStates, checked.channel.rawValue, checked.url, checked.recipients,
                        checked.secret, destination, createdBy, clock.statementNow, checked.digest?.at,
                        checked.digest?.calendar,
                    ]
                ).first
            else { throw NotificationError.duplicate(checked.name) }
            return try Subscription(row: row)
        }
        return (subscription, checked.secret)
    }

    /// The subscriptions owned by teams `scope` sees, by name, page by page.
    public func subscriptions(scope: TeamScope) -> KeysetSequence<Subscription, String> {
        KeysetSequence(pageSize: Self.pageSize, limit: nil) { [pool] remaining, after in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(NotificationSQL.subscriptions, [scope.visibleTeams, after, remaining]).rows
            }
            return try rows.map { row in
                let subscription = try Subscription(row: row)
                return (subscription, subscription.name)
            }
        }
    }

    /// One subscription by id or name.
    /// - Throws: ``NotificationError/subscriptionNotFound(_:)``, also for one a team outside
    ///   `scope` owns.
    public func subscription(_ idOrName: String, scope: TeamScope) async throws -> Subscription {
        let row = try await pool.withIdempotentStatements { connection in
            try await connection.query(NotificationSQL.subscription, [idOrName]).first
        }
        guard let subscription = try row.map(Subscription.init(row:)), scope.includes(subscription.team) else {
            throw NotificationError.subscriptionNotFound(idOrName)
        }
        return subscription
    }

    /// Deletes a subscription and its deliveries, sent or not.
    public func delete(_ subscription: Subscription) async throws {
        _ = try await pool.withIdempotentStatements { connection in
            try await connection.query(NotificationSQL.deleteSubscription, [subscription.id])
        }
    }

    /// A sample delivery of `subscription`, with what sending needs (URL, secret), not queued:
    /// `subscription test` sends it at once.
    public func testDelivery(for subscription: Subscription) async throws -> ClaimedDelivery {
        let row = try await pool.withIdempotentStatements { [clock] connection in
            try await connection.query(NotificationSQL.testDelivery, [subscription.id, clock.statementNow]).first
        }
        guard let row else { throw NotificationError.subscriptionNotFound(subscription.name) }
        return try ClaimedDelivery(row: row)
    }
}

extension TeamScope {
    /// Whether the scope sees what `team` owns.
    func includes(_ team: String) -> Bool {
        visibleTeams.map { $0.contains(team) } ?? true
    }
}

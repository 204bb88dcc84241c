import Foundation
import Postgres

/// What `GET /v1/deliveries` selects.
public struct DeliveryFilter: Sendable {
    /// The subscriptions' owning teams the caller sees.
    public var scope: TeamScope
    /// One subscription, by id or name.
    public var subscription: String?
    public var state: DeliveryState?
    /// Only deliveries queued since then.
    public var since: Date?
    /// At most this many.
    public var limit: Int?

    /// A filter within `scope`.
    public init(scope: TeamScope, subscription: String? = nil, state: DeliveryState? = nil, since: Date? = nil) {
        self.scope = scope
        self.subscription = subscription
        self.state = state
        self.since = since
    }
}

extension SubscriptionStore {
    /// Deliveries, newest first, page by page as the consumer reads.
    public func deliveries(_ filter: DeliveryFilter) -> KeysetSequence<DeliveryRecord, DeliveryCursor> {
        KeysetSequence(pageSize: Self.pageSize, limit: filter.limit) { [pool] remaining, last in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(
                    NotificationSQL.deliveries,
                    [
                        filter.scope.visibleTeams, filter.subscription, filter.state?.rawValue, filter.since,
                        last?.createdAt, last?.id, remaining,
                    ]
                ).rows
            }
            return try rows.map { (try DeliveryRecord(row: $0), try DeliveryCursor(row: $0)) }
        }
    }

    /// One delivery.
    /// - Throws: ``NotificationError/deliveryNotFound(_:)``, also for one of a subscription a team
    ///   outside `scope` owns.
    public func delivery(_ id: String, scope: TeamScope) async throws -> (DeliveryRecord, team: String) {
        let row = try await pool.withIdempotentStatements { connection in
            try await connection.query(NotificationSQL.delivery, [id]).first
        }
        guard let row else { throw NotificationError.deliveryNotFound(id) }
        let subscription = try await subscription(try row.decode("subscription_id", as: String.self), scope: scope)
        return (try DeliveryRecord(row: row), subscription.team)
    }

    /// Sends a delivery again at once, whatever its state, with the same id; returns it as it
    /// now stands.
    public func retry(_ id: String, scope: TeamScope) async throws -> DeliveryRecord {
        _ = try await delivery(id, scope: scope)
        try await pool.inTransaction { [clock] connection in
            try await connection.query(NotificationSQL.retry, [id, clock.statementNow])
            try await connection.query(NotificationSQL.announce)
        }
        return try await delivery(id, scope: scope).0
    }
}

/// Where a page of deliveries ends.
public struct DeliveryCursor: Sendable, Hashable {
    /// `created_at` as PostgreSQL printed it, so no microsecond is lost.
    let createdAt: String
    let id: String

    init(row: PostgresRow) throws {
        createdAt = try row.decode("cursor_at")
        id = try row.decode("id")
    }
}

import Postgres

extension NotificationSQL {
    /// The names among `$1` that subscriptions have.
    static let subscribedNames = "SELECT name FROM subscriptions WHERE name = ANY ($1::text[])"
}

extension SubscriptionStore {
    /// The receivers among `names` that no subscription has yet: names a workflow's `notify:`
    /// lists that tell no one until a subscription of that name is made. Not an error (on a fresh
    /// install subscriptions come after workflows); the server says so.
    /// - Returns: Those names, in the order given.
    public func unsubscribed(_ names: [String]) async throws -> [String] {
        guard !names.isEmpty else { return [] }
        let rows = try await pool.withIdempotentStatements { connection in
            try await connection.query(NotificationSQL.subscribedNames, [names]).rows
        }
        let subscribed = Set(try rows.map { try $0.decode("name", as: String.self) })
        return names.filter { !subscribed.contains($0) }
    }
}

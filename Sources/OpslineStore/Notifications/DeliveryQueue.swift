import Foundation
import Postgres

/// The outbox as the deliverers see it: claim due deliveries, keep a first attempt's body, record
/// each attempt's outcome. Every replica runs a deliverer; claims skip rows another holds, and a
/// claim leases its rows for longer than a send may take.
public struct DeliveryQueue: Sendable {
    let pool: PostgresPool
    /// The time deliveries fall due on.
    public let clock: OpslineClock
    /// When to try again.
    public let retryPolicy: DeliveryRetryPolicy
    /// The calendars digests fall due on.
    let calendars: CalendarBook
    /// Counts attempts by channel and outcome.
    var metrics = StoreMetrics.none

    /// How a claim is bounded.
    public struct ClaimLimits: Sendable {
        /// Deliveries at most.
        public var count: Int
        /// Deliveries at most per destination.
        public var perDestination: Int
        /// For destinations this replica is already sending to, how many more it takes.
        public var room: [String: Int]
        /// How long the claimed rows are leased, in seconds: longer than a send may take.
        public var leaseSeconds: Double

        /// Limits for a claim.
        public init(count: Int, perDestination: Int, room: [String: Int] = [:], leaseSeconds: Double) {
            self.count = count
            self.perDestination = perDestination
            self.room = room
            self.leaseSeconds = leaseSeconds
        }
    }

    /// What a claim took, and when to look again.
    public struct Claim: Sendable {
        /// The deliveries claimed, oldest due first.
        public var deliveries: [ClaimedDelivery]
        /// Seconds from the claim's instant until the earliest delivery left waiting is due (0 or
        /// less: due, but left for want of room); nil when none waits.
        public var secondsUntilNextDue: Double?
    }

    /// Claims due deliveries within `limits`, oldest due first, and says when the next one left
    /// waiting is due — both at one instant (one transaction's `now()`, or the test's instant read
    /// once), so that a delivery falling due between the two is never taken for one left
    /// waiting for room, which only a finished send would wake the deliverer for.
    public func claim(_ limits: ClaimLimits) async throws -> Claim {
        let destinations = limits.room.keys.sorted()
        let full = destinations.filter { (limits.room[$0] ?? 0) <= 0 }
        let now = clock.statementNow
        return try await pool.inTransaction { connection in
            let rows = try await connection.query(
                NotificationSQL.claim,
                [
                    limits.count, now, destinations, destinations.map { String(limits.room[$0] ?? 0) },
                    limits.perDestination, limits.leaseSeconds, full,
                ]
            ).rows
            let next = try await connection.query(NotificationSQL.secondsUntilNextDue, [now]).first?.decode(
                "seconds", as: Double?.self)
            return Claim(deliveries: try rows.map(ClaimedDelivery.init(row:)), secondsUntilNextDue: next)
        }
    }

    /// Keeps the bodies of first attempts, by delivery id, before they are sent: a later attempt
    /// (on any replica) sends the same bytes.
    public func keepBodies(_ bodies: [String: String]) async throws {
        guard !bodies.isEmpty else { return }
        let ids = bodies.keys.sorted()
        _ = try await pool.withIdempotentStatements { connection in
            try await connection.query(NotificationSQL.keepBodies, [ids, ids.map { bodies[$0] ?? "" }])
        }
    }

    /// Records what the receiver did with an attempt, and decides what comes next.
    /// - Returns: The delivery's new state.
    @discardableResult
    public func record(
        _ answer: DeliveryRetryPolicy.Answer, of delivery: ClaimedDelivery, jitter: Double = .random(in: 0...1)
    ) async throws -> DeliveryState {
        let decision = retryPolicy.decide(
            answer, attempt: delivery.attempt, queuedAt: delivery.createdAt, now: clock.now, jitter: jitter)
        let (status, error): (Int?, String?) =
            switch answer {
            case .status(let code, _): (code, (200..<300).contains(code) ? nil : "the receiver answered \(code)")
            case .reply(let code, let line):
                (code, (200..<300).contains(code) ? nil : String("the relay answered \(line)".prefix(500)))
            case .unreachable(let reason), .refused(let reason): (nil, String(reason.prefix(500)))
            }
        let (state, next): (DeliveryState, Date?) =
            switch decision {
            case .delivered: (.delivered, nil)
            case .retry(let at): (.failed, at)
            case .dead: (.dead, nil)
            }
        _ = try await pool.withIdempotentStatements { [clock] connection in
            try await connection.query(
                NotificationSQL.recordOutcome,
                [delivery.id, state.rawValue, status, error, next, clock.statementNow])
        }
        metrics.countDelivery(delivery.channel, state)
        return state
    }

    /// Deletes delivered and dead deliveries finished longer than `retention` ago; returns how
    /// many went.
    @discardableResult
    public func prune(olderThan retention: Duration) async throws -> Int {
        try await pool.withIdempotentStatements { [clock] connection in
            try await connection.query(
                NotificationSQL.prune, [Double(retention.components.seconds), clock.statementNow]
            ).affectedRows
        }
    }
}

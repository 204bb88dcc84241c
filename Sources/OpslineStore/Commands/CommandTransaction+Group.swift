import Postgres

/// How a batch keeps a refused line from spoiling its neighbours.
enum LineIsolation {
    /// No savepoints: a line refused before anything of it reached PostgreSQL is undone by
    /// forgetting what it held back. A line that cannot be undone so, or any statement PostgreSQL
    /// refuses, spoils the group (``GroupSpoiled``), and the batch runs again with `savepoints`.
    /// With `atomic`, a refusal rolls back the whole transaction anyway, so any refusal will do.
    case grouped(atomic: Bool)
    /// A savepoint per line (`inSavepoint`): a refusal rolls back to it, whatever it had sent.
    case savepoints
}

/// A batch run without savepoints (``LineIsolation/grouped(atomic:)``) met a failure it cannot
/// pin on one line without one: a line refused after some of its statements reached PostgreSQL,
/// or a statement PostgreSQL refused (which may be any earlier line's write held back with it).
/// The transaction rolls back and the batch runs again with a savepoint per line.
struct GroupSpoiled: Error {}

extension CommandTransaction {
    /// Runs `body`, one line of a batch, without a savepoint.
    ///
    /// Most refusals are decided in Swift before a line sends anything — a guard, a missing
    /// field, a stale version, a task that does not exist, a caller without the right — and the
    /// line's writes are held back (`write(_:_:)`) until a later statement must go out. Such a
    /// refusal forgets the line's held-back writes and events, and the lines before it stay as
    /// they were: what a savepoint gives, without its two statements and its subtransaction a
    /// line. What cannot be undone that way throws ``GroupSpoiled``; connection failures and
    /// retryable transaction errors are rethrown, as `inSavepoint` does.
    func inGroup<Value>(
        atomic: Bool, _ body: () async throws -> Value
    ) async throws -> Result<Value, any Error> {
        let eventCount = pendingEvents.count
        let heldBefore = await connection.heldBack
        let roundTripsBefore = await connection.roundTrips
        do {
            return .success(try await body())
        } catch let error as PostgresError where error.isConnectionFailure || error.isTransactionRetryable {
            throw error
        } catch is PostgresError {
            throw GroupSpoiled()
        } catch {
            // The refusal ends an atomic batch, whose whole transaction rolls back.
            if atomic { return .failure(error) }
            guard await connection.roundTrips == roundTripsBefore else { throw GroupSpoiled() }
            await connection.restoreHeldBack(heldBefore)
            discardEvents(after: eventCount)
            return .failure(error)
        }
    }

    /// Sends the writes held back by earlier lines once there are `limit` of them, so that their
    /// answers never fill the socket's buffer before a later call reads them.
    func sendHeldBackWrites(beyond limit: Int = 1000) async throws {
        if await connection.carriedCount >= limit { try await connection.sendCarried() }
    }
}

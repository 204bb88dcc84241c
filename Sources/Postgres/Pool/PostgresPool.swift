import CoreMetrics
import Logging
import Synchronization

/// A bounded pool of connections to one database.
///
/// Connections are opened on demand up to `maximumConnections`; callers beyond that wait in
/// line, and a returned connection goes straight to the longest waiter. A connection that is
/// broken when handed back is dropped, so the pool heals by itself after the server restarts: the
/// next borrower opens a fresh one.
///
/// The books are kept under a lock rather than in an actor: borrowing then costs no hop to the
/// actor's executor and back, only the hop to the connection's own queue where `body` runs. On a
/// busy server those hops were a large part of a request's thread switches.
public final class PostgresPool: Sendable {
    /// The connection string every connection uses.
    public let conninfo: String
    /// The most connections open at once.
    public let maximumConnections: Int
    /// Where borrowers' waits and retried transactions are recorded.
    public let metrics: PostgresPoolMetrics

    private let logger: Logger
    private let books = Mutex(Books())

    /// Who has what: guarded by `books`.
    private struct Books {
        var idle: [PostgresConnection] = []
        var openCount = 0
        var waiters: [CheckedContinuation<Grant, Never>] = []
        var isClosed = false
    }

    /// What a borrower is given.
    private enum Grant: Sendable {
        /// An idle connection (it may have gone stale while it sat there).
        case idle(PostgresConnection)
        /// Room to open a new connection, already counted in `openCount`.
        case open
        /// The pool is closed.
        case closed
    }

    /// Creates a pool. No connection is opened until one is needed.
    /// - Parameter metrics: where waits for a connection and retried transactions are recorded.
    public init(
        conninfo: String, maximumConnections: Int = 10, logger: Logger = Logger(label: "opsline.postgres"),
        metrics: PostgresPoolMetrics = .none
    ) {
        precondition(maximumConnections > 0)
        self.conninfo = conninfo
        self.maximumConnections = maximumConnections
        self.logger = logger
        self.metrics = metrics
    }

    /// Borrows a connection for the duration of `body`, which runs on the connection's queue.
    ///
    /// - Parameter idempotent: when true and `body` fails because a pooled connection turned
    ///   out to be dead (the server restarted while it sat idle), `body` runs once more on a
    ///   fresh connection. Only pass true for work that is safe to repeat, such as reads.
    @discardableResult
    public func withConnection<Value: Sendable>(
        idempotent: Bool = false,
        _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let (connection, reused) = try await acquire()
        // Whether the connection survived is read on its own queue, before leaving it.
        let (outcome, broken) = try await connection.withExecutorPreference { connection in
            let outcome: Result<Value, any Error>
            do { outcome = .success(try await body(connection)) } catch { outcome = .failure(error) }
            await connection.discardCarried()
            return (outcome, await connection.isBroken)
        }
        await release(connection, broken: broken)
        switch outcome {
        case .success(let value):
            return value
        case .failure(let error as PostgresError) where error.isConnectionFailure && reused && idempotent:
            return try await withConnection(idempotent: false, body)
        case .failure(let error):
            throw error
        }
    }

    /// Closes idle connections and refuses new borrowers. Borrowed ones close when returned.
    public func close() async {
        let (connections, waiters) = books.withLock { books in
            books.isClosed = true
            defer {
                books.idle.removeAll()
                books.waiters.removeAll()
            }
            books.openCount -= books.idle.count
            return (books.idle, books.waiters)
        }
        for waiter in waiters { waiter.resume(returning: .closed) }
        for connection in connections { await connection.close() }
    }

    /// Number of connections currently open (idle and borrowed).
    var openConnections: Int { books.withLock { $0.openCount } }

    /// Number of borrowers waiting for a connection to come back.
    var waitingBorrowers: Int { books.withLock { $0.waiters.count } }

    /// Open, borrowed and waiting, read together under the pool's lock.
    public var statistics: PostgresPoolStatistics {
        books.withLock { books in
            PostgresPoolStatistics(
                open: books.openCount, inUse: books.openCount - books.idle.count, waiting: books.waiters.count,
                maximum: maximumConnections)
        }
    }

    /// A connection, and whether it was reused from the idle list (and so may be stale).
    private func acquire() async throws(PostgresError) -> (PostgresConnection, reused: Bool) {
        let grant: Grant
        if let granted = books.withLock({ Self.grantAtOnce(&$0, maximum: maximumConnections) }) {
            grant = granted
            metrics.waitTime.recordNanoseconds(0)
        } else {
            let start = ContinuousClock.now
            defer { metrics.waitTime.recordNanoseconds((ContinuousClock.now - start).nanoseconds) }
            grant = await withCheckedContinuation { waiter in
                // Looked at again under the same lock that queues the waiter, so a connection
                // returned in between is not missed.
                let granted = books.withLock { books in
                    let granted = Self.grantAtOnce(&books, maximum: maximumConnections)
                    if granted == nil { books.waiters.append(waiter) }
                    return granted
                }
                if let granted { waiter.resume(returning: granted) }
            }
        }
        switch grant {
        case .idle(let connection): return (connection, true)
        case .open: return (try await open(), false)
        case .closed: throw PostgresError(kind: .poolClosed, message: "the connection pool is closed")
        }
    }

    /// What a borrower gets without waiting, if anything.
    private static func grantAtOnce(_ books: inout Books, maximum: Int) -> Grant? {
        if books.isClosed { return .closed }
        if let connection = books.idle.popLast() { return .idle(connection) }
        guard books.openCount < maximum else { return nil }
        books.openCount += 1
        return .open
    }

    /// Opens the connection a `.open` grant made room for; gives the room back if that fails.
    private func open() async throws(PostgresError) -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(conninfo, logger: logger)
        } catch {
            books.withLock { books in
                books.openCount -= 1
                Self.handOnRoom(&books)
            }
            throw error
        }
    }

    private func release(_ connection: PostgresConnection, broken: Bool) async {
        let closing: [PostgresConnection] = books.withLock { books in
            if books.isClosed || broken {
                books.openCount -= 1
                var closing = [connection]
                if !books.isClosed {
                    // One dead connection usually means the server went away: the idle ones
                    // are dead too, so drop them rather than hand each to a caller to fail on.
                    closing += books.idle
                    books.openCount -= books.idle.count
                    books.idle.removeAll()
                }
                Self.handOnRoom(&books)
                return closing
            }
            if books.waiters.isEmpty {
                books.idle.append(connection)
            } else {
                books.waiters.removeFirst().resume(returning: .idle(connection))
            }
            return []
        }
        guard !closing.isEmpty else { return }
        if broken { logger.debug("dropped a broken PostgreSQL connection and the idle ones") }
        for connection in closing { await connection.close() }
    }

    /// After a connection went away, lets the longest waiter open a new one.
    private static func handOnRoom(_ books: inout Books) {
        guard !books.waiters.isEmpty, !books.isClosed else { return }
        books.openCount += 1
        books.waiters.removeFirst().resume(returning: .open)
    }
}

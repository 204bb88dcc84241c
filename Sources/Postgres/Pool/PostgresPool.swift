import Logging

/// A bounded pool of connections to one database.
///
/// Connections are opened on demand up to `maximumConnections`; callers beyond that wait in
/// line. A connection that is broken when handed back is dropped, so the pool heals by itself
/// after the server restarts: the next borrower opens a fresh one.
public actor PostgresPool {
    /// The connection string every connection uses.
    public nonisolated let conninfo: String
    /// The most connections open at once.
    public nonisolated let maximumConnections: Int

    private let logger: Logger
    private var idle: [PostgresConnection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var isClosed = false

    /// Creates a pool. No connection is opened until one is needed.
    public init(conninfo: String, maximumConnections: Int = 10, logger: Logger = Logger(label: "opsline.postgres")) {
        precondition(maximumConnections > 0)
        self.conninfo = conninfo
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    /// Borrows a connection for the duration of `body`.
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
        do {
            let value = try await connection.withExecutorPreference(body)
            await release(connection)
            return value
        } catch let error as PostgresError where error.isConnectionFailure && reused && idempotent {
            await release(connection)
            return try await withConnection(idempotent: false, body)
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes idle connections and refuses new borrowers. Borrowed ones close when returned.
    public func close() async {
        isClosed = true
        let connections = idle
        idle.removeAll()
        openCount -= connections.count
        for connection in connections { await connection.close() }
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    /// Number of connections currently open (idle and borrowed).
    public var openConnections: Int { openCount }

    /// A connection, and whether it was reused from the idle list (and so may be stale).
    private func acquire() async throws(PostgresError) -> (PostgresConnection, reused: Bool) {
        while true {
            guard !isClosed else {
                throw PostgresError(kind: .poolClosed, message: "the connection pool is closed")
            }
            if let connection = idle.popLast() { return (connection, true) }
            if openCount < maximumConnections { return (try await open(), false) }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func open() async throws(PostgresError) -> PostgresConnection {
        openCount += 1
        do {
            return try await PostgresConnection.connect(conninfo)
        } catch {
            openCount -= 1
            wakeOneWaiter()
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) async {
        let broken = await connection.isBroken
        if isClosed || broken {
            openCount -= 1
            await connection.close()
            if !isClosed {
                // One dead connection usually means the server went away: the idle ones are
                // dead too, so drop them rather than hand each to a caller to fail on.
                logger.debug("dropped a broken PostgreSQL connection and the idle ones")
                let stale = idle
                idle.removeAll()
                openCount -= stale.count
                for connection in stale { await connection.close() }
            }
        } else {
            idle.append(connection)
        }
        wakeOneWaiter()
    }

    private func wakeOneWaiter() {
        guard !waiters.isEmpty else { return }
        waiters.removeFirst().resume()
    }
}

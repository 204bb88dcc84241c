import CLibPQ

/// Statements held back to go out with the next one, in one round trip.
extension PostgresConnection {
    /// Holds a statement back to go out with the next one (`query` or `execute`), in one round
    /// trip; its rows are dropped, and an error it raises is thrown by that next call, whose own
    /// statement then does not run. Used for work whose outcome only matters at `COMMIT`: sent
    /// with the `COMMIT`, it adds no wait of its own. A parameter holding a NUL character makes
    /// that next call fail the same way (`PostgresError.nulInParameter`).
    ///
    /// `prepared` as for ``query(_:_:prepared:)``.
    public func sendWithNext(_ sql: String, _ parameters: [any PostgresBindable] = [], prepared: Bool = false) async {
        let statement = PipelinedStatement(sql: sql, parameters: parameters.map(\.postgresText), prepared: prepared)
        await run { $0.carried.append(statement) }
    }

    /// `sendWithNext` for a prepared statement whose parameters are all JSON arrays of rows:
    /// if the same statement is already held back, the rows join it (each array appended to the
    /// one in its place) and it runs once, where it was held back first. For set-based writes,
    /// which then cost one statement however many commands made them. The caller answers for
    /// moving rows before the statements held back between the two: they must not touch the
    /// same rows.
    public func sendWithNext(_ sql: String, mergingJSONArrays arrays: [String]) async {
        await run { connection in
            if let index = connection.carried.lastIndex(where: { $0.sql == sql && $0.mergesJSONArrays }),
                let merged = connection.carried[index].merging(arrays)
            {
                connection.carried[index] = merged
            } else {
                connection.carried.append(PipelinedStatement(sql: sql, mergingJSONArrays: arrays))
            }
        }
    }

    /// Forgets statements held back for a next call that will not come, such as writes of a
    /// command about to be rolled back to a savepoint (sent with the `ROLLBACK TO`, a failing one
    /// would stop it).
    public func discardCarried() async {
        await run { _ = $0.takeCarried() }
    }

    /// The statements held back now, to put back with ``restoreHeldBack(_:)``: a piece of work
    /// that gives up before anything of it was sent (see ``roundTrips``) forgets what it held
    /// back, rows merged into earlier statements included, and keeps what was there before it.
    public var heldBack: HeldBackStatements {
        get async { await run { HeldBackStatements(statements: $0.carried) } }
    }

    /// Holds back exactly what `snapshot` held (``heldBack``).
    public func restoreHeldBack(_ snapshot: HeldBackStatements) async {
        await run { $0.carried = snapshot.statements }
    }

    /// Sends the statements held back, if any, in one round trip with nothing after them, and
    /// throws the first error among them: for a caller that has held back so many that their
    /// answers could fill the socket's buffer before the next call reads them.
    public func sendCarried() async throws(PostgresError) {
        let outcome = await run { connection -> Result<Void, PostgresError> in
            if let refusal = connection.refusal(sending: nil) { return .failure(refusal) }
            guard !connection.carried.isEmpty else { return .success(()) }
            connection.roundTripCount += 1
            return connection.blockingPipeline(connection.sendingCarried()).map { _ in () }
        }
        try outcome.get()
    }

    /// The error that stops `statement` and the statements held back for it before any is sent:
    /// a parameter holding a NUL character (`PostgresError.nulInParameter`), which libpq would
    /// cut short there. The held-back statements are dropped, as when one of them fails on the
    /// server: none runs, and the caller rolls back.
    func refusal(sending statement: PipelinedStatement?) -> PostgresError? {
        guard carried.contains(where: \.holdsNUL) || statement?.holdsNUL == true else { return nil }
        carried.removeAll()
        return .nulInParameter
    }

    /// How many times statements held back by `sendWithNext` have gone out to the server so far
    /// (with a `query` or `execute`, whatever their outcome). A caller that held a statement back
    /// can tell from it whether the statement was sent or is still waiting: it was sent if and only
    /// if the count has grown since — statements discarded (`discardCarried`) or refused before
    /// sending (a NUL character) do not count.
    public var carriedSends: Int {
        get async { await run { $0.carriedSendCount } }
    }

    /// How many statements this connection has prepared (`prepared: true`).
    var preparedCount: Int {
        get async { await run { $0.preparedStatements.count } }
    }

    /// How many round trips to the server this connection has made so far (`query`, `execute`,
    /// `sendCarried`, each with whatever was held back). Unchanged over a piece of work, it says
    /// that nothing the work sent or held back has reached the server: the work can be undone by
    /// putting back what was held back before it (``restoreHeldBack(_:)``), without a savepoint.
    public var roundTrips: Int {
        get async { await run { $0.roundTripCount } }
    }

    /// How many statements are held back (`sendWithNext`) for the next call.
    public var carriedCount: Int {
        get async { await run { $0.carried.count } }
    }

    private func takeCarried() -> [PipelinedStatement] {
        defer { carried.removeAll() }
        return carried
    }

    /// `takeCarried`, for statements about to be sent.
    func sendingCarried() -> [PipelinedStatement] {
        carriedSendCount += 1
        return takeCarried()
    }
}

/// What a connection held back at one moment (``PostgresConnection/heldBack``).
public struct HeldBackStatements: Sendable {
    let statements: [PipelinedStatement]
}

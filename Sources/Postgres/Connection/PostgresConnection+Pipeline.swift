import CLibPQ

extension PostgresConnection {
    /// One result set a pipeline waits for: a statement's, or the prepare sent before it.
    private enum Awaited {
        /// The prepare of `sql` as `name`, recorded in the cache if it succeeds.
        case prepare(sql: String, name: String)
        /// A statement's results; the last statement's rows are returned.
        case statement(last: Bool)
    }

    /// Sends `statements` in one libpq pipeline and one sync, then reads every result: one
    /// round trip instead of one per statement. Returns the last statement's rows, or the first
    /// error (statements after a failed one do not run: PostgreSQL skips them to the sync).
    ///
    /// A prepared statement not yet in the cache is prepared in the same pipeline, just before
    /// it runs, and recorded once its prepare reports success.
    ///
    /// Runs on the connection's queue, like `blockingQuery`.
    func blockingPipeline(_ statements: [PipelinedStatement]) -> Result<PostgresResult, PostgresError> {
        guard let handle = blockingHandle else {
            return .failure(PostgresError(kind: .connection, message: "connection is closed"))
        }
        guard PQenterPipelineMode(handle) == 1 else { return .failure(connectionError()) }
        // Fails only if results are left unread (a send failed half-way): never reuse it then.
        defer { if PQexitPipelineMode(handle) != 1 { isStuckInPipeline = true } }
        var awaited: [Awaited] = []
        // Texts prepared earlier in this pipeline: a second use must not prepare them again.
        var preparing: [String: String] = [:]
        for (index, statement) in statements.enumerated() {
            var name: String?
            if statement.prepared {
                name = preparedStatements.name(of: statement.sql) ?? preparing[statement.sql]
                if name == nil, let fresh = preparedStatements.freshName(pending: preparing.count) {
                    guard PQsendPrepare(handle, fresh, statement.sql, 0, nil) == 1 else {
                        return .failure(connectionError())
                    }
                    preparing[statement.sql] = fresh
                    awaited.append(.prepare(sql: statement.sql, name: fresh))
                    name = fresh
                }
            }
            let parameters = statement.parameters
            let sent = withOptionalCStringArray(parameters) { values in
                let count = Int32(parameters.count)
                if let name { return PQsendQueryPrepared(handle, name, count, values, nil, nil, 0) }
                return PQsendQueryParams(handle, statement.taggedSQL, count, nil, values, nil, nil, 0)
            }
            guard sent == 1 else { return .failure(connectionError()) }
            awaited.append(.statement(last: index == statements.count - 1))
        }
        guard PQpipelineSync(handle) == 1 else { return .failure(connectionError()) }
        var failure: PostgresError?
        var rows = PostgresResult(rows: [], affectedRows: 0)
        for expected in awaited {
            // Each result set ends with a NULL; one skipped after an error reads as
            // PGRES_PIPELINE_ABORTED.
            while let result = PQgetResult(handle) {
                defer { PQclear(result) }
                guard PQresultStatus(result) != PGRES_PIPELINE_ABORTED else { continue }
                switch (check(result), expected) {
                case (.failure(let error), _): failure = failure ?? error
                case (.success, .prepare(let sql, let name)): preparedStatements.confirm(sql, as: name)
                case (.success(let result), .statement(last: true)): rows = Self.readRows(result)
                case (.success, .statement): break
                }
            }
        }
        // Then the sync point. A broken connection answers NULL instead, which ends the wait too.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        return failure.map { .failure($0) } ?? .success(rows)
    }
}

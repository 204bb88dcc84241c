import CLibPQ

extension PostgresConnection {
    /// Sends `statements` in one libpq pipeline and one sync, then reads every result: one
    /// round trip instead of one per statement. Returns the last statement's rows, or the first
    /// error (statements after a failed one do not run: PostgreSQL skips them to the sync).
    ///
    /// Runs on the connection's queue, like `blockingQuery`.
    func blockingPipeline(_ statements: [PipelinedStatement]) -> Result<PostgresResult, PostgresError> {
        guard let handle = blockingHandle else {
            return .failure(PostgresError(kind: .connection, message: "connection is closed"))
        }
        guard PQenterPipelineMode(handle) == 1 else { return .failure(connectionError()) }
        // Fails only if results are left unread (a send failed half-way): never reuse it then.
        defer { if PQexitPipelineMode(handle) != 1 { isStuckInPipeline = true } }
        for statement in statements {
            let sent = withOptionalCStringArray(statement.parameters) { values in
                PQsendQueryParams(handle, statement.sql, Int32(statement.parameters.count), nil, values, nil, nil, 0)
            }
            guard sent == 1 else { return .failure(connectionError()) }
        }
        guard PQpipelineSync(handle) == 1 else { return .failure(connectionError()) }
        var failure: PostgresError?
        var rows = PostgresResult(rows: [], affectedRows: 0)
        for index in statements.indices {
            // Each statement's results end with a NULL; one skipped after an error reads as
            // PGRES_PIPELINE_ABORTED.
            while let result = PQgetResult(handle) {
                defer { PQclear(result) }
                guard PQresultStatus(result) != PGRES_PIPELINE_ABORTED else { continue }
                switch check(result) {
                case .failure(let error): failure = failure ?? error
                case .success(let result) where index == statements.count - 1: rows = Self.readRows(result)
                case .success: break
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

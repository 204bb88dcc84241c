import CLibPQ
import Dispatch
import Foundation
import Logging

/// One libpq connection.
///
/// Every libpq call blocks, so each connection owns a serial dispatch queue and runs its calls
/// there, never on a caller's thread (in particular never on a SwiftNIO event loop). The queue also
/// serialises access to the `PGconn`, which libpq does not make thread-safe. Borrowers run their
/// code on that queue too (see ``PostgresConnection/withExecutorPreference(_:)``), so statements
/// block in place instead of hopping threads.
public final class PostgresConnection: @unchecked Sendable {
    // @unchecked Sendable: the mutable state — `closed`, `carried`, `isStuckInPipeline` and the
    // libpq `PGconn` behind `handle`, which libpq does not make thread-safe — is touched only by
    // code running on `executor.queue`, a serial queue: the bodies `run(_:)` hands it and the
    // `blocking…` functions they call, each of which checks that it is there
    // (`dispatchPrecondition`). `handle` and `executor` never change after `init`.
    private let handle: OpaquePointer
    let executor: ConnectionExecutor
    private var closed = false
    /// Receives the server's remarks for `handle`: kept alive as long as the connection.
    private let notices: PostgresNotices
    /// Statements waiting to go out with the next one (`sendWithNext(_:_:)`).
    var carried: [PipelinedStatement] = []
    /// How many times held-back statements went out (`carriedSends`).
    var carriedSendCount = 0
    /// How many round trips reached the server (`roundTrips`).
    var roundTripCount = 0
    /// The statements prepared on this connection (`prepared: true`).
    var preparedStatements = PreparedStatements()
    /// Set when a pipeline could not be ended (libpq still in pipeline mode): the connection is
    /// then unusable and reported broken, so that the pool drops it.
    var isStuckInPipeline = false

    private init(handle: OpaquePointer, executor: ConnectionExecutor, notices: PostgresNotices) {
        self.handle = handle
        self.executor = executor
        self.notices = notices
    }

    deinit {
        if !closed { PQfinish(handle) }
    }

    /// Opens a connection.
    ///
    /// - Parameters:
    ///   - conninfo: a `postgresql://` URL or a `key=value` connection string, passed to libpq
    ///     untouched (multi-host lists and `target_session_attrs` work as libpq documents).
    ///   - applicationName: shown in `pg_stat_activity` unless the string sets its own.
    ///   - logger: where the server's remarks on this connection go (NOTICEs, WARNINGs, the
    ///     `FATAL:` of a connection it ends), which libpq would print to standard error.
    public static func connect(
        _ conninfo: String, applicationName: String = "opsline", logger: Logger = Logger(label: "opsline.postgres")
    ) async throws(PostgresError) -> PostgresConnection {
        let executor = ConnectionExecutor(label: "opsline.postgres.connection")
        let notices = PostgresNotices(logger: logger)
        let result: Result<OpaquePointer, PostgresError> = await withCheckedContinuation { continuation in
            executor.queue.async { continuation.resume(returning: openHandle(conninfo, applicationName, notices)) }
        }
        let connection = PostgresConnection(handle: try result.get(), executor: executor, notices: notices)
        // JIT off: Opsline's statements are short, and a plan the planner overprices (a report
        // over a million tasks) would otherwise spend 100-400 ms compiling before running in less.
        try await connection.execute("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'; SET jit = off")
        return connection
    }

    /// Connects, with `connect_timeout` and `application_name` given before the caller's string so
    /// that the string can override them (libpq processes keywords in order).
    private static func openHandle(
        _ conninfo: String, _ applicationName: String, _ notices: PostgresNotices
    ) -> Result<OpaquePointer, PostgresError> {
        let keys = ["connect_timeout", "application_name", "client_encoding", "dbname"]
        let values = ["5", applicationName, "UTF8", conninfo]
        let handle = withCStringArray(keys) { keyPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            return .failure(PostgresError(kind: .connection, message: "out of memory"))
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            return .failure(PostgresError(kind: .connection, message: message))
        }
        // libpq prints the server's remarks to stderr: NOTICEs ("relation … already exists,
        // skipping") and the FATAL line of a connection the server ends. Errors reach callers as
        // results and broken connections; the remarks go through the logger, never raw to stderr.
        notices.receive(from: handle)
        return .success(handle)
    }

    /// True once the connection can no longer be used (closed, or broken on the server side).
    var isBroken: Bool {
        get async { await run { $0.closed || $0.isStuckInPipeline || PQstatus($0.handle) != CONNECTION_OK } }
    }

    /// Runs one parameterised statement (`PQexecParams`, or `PQexecPrepared` once prepared) and
    /// returns all its rows.
    ///
    /// - Parameters:
    ///   - sql: a single statement with `$1`, `$2`… placeholders.
    ///   - parameters: the values for the placeholders, in text format. One that holds a NUL
    ///     character is refused before anything is sent (`PostgresError.nulInParameter`, a data
    ///     error): libpq would cut it short there.
    ///   - prepared: whether to run `sql` as a named prepared statement of this connection,
    ///     parsed and planned on its first use only (the prepare goes out in the same round trip).
    ///     For fixed texts on hot paths; not for a statement whose best plan depends on its
    ///     parameters (optional filters such as `$2::text IS NULL OR col = $2`), which a generic
    ///     plan would serve badly. A prepared statement carries no request tag (its text cannot
    ///     change per request): run it inside ``inTransaction(isolation:_:)``, whose `BEGIN`
    ///     names the request in `application_name` instead.
    @discardableResult
    public func query(
        _ sql: String, _ parameters: [any PostgresBindable] = [], prepared: Bool = false
    ) async throws(PostgresError) -> PostgresResult {
        let statement = PipelinedStatement(sql: sql, parameters: parameters.map(\.postgresText), prepared: prepared)
        let outcome = await run { connection -> Result<PostgresResult, PostgresError> in
            if let refusal = connection.refusal(sending: statement) { return .failure(refusal) }
            connection.roundTripCount += 1
            guard connection.carried.isEmpty else {
                return connection.blockingPipeline(connection.sendingCarried() + [statement])
            }
            if !statement.prepared { return connection.blockingQuery(statement) }
            // Not yet prepared: the prepare and the statement go in one pipeline, one round trip.
            guard let name = connection.preparedStatements.name(of: statement.sql) else {
                return connection.blockingPipeline([statement])
            }
            return connection.blockingQuery(prepared: name, statement.parameters)
        }
        return try outcome.get()
    }

    /// Runs one or more statements without parameters (`PQexec`), such as a migration file.
    ///
    /// Statements held back by `sendWithNext` go out first: in the same round trip when `sql` is
    /// one statement (a pipeline runs one statement per message), in one of their own before a
    /// text of several (one with a `;` before its end, such as a migration run in a transaction
    /// whose `BEGIN` is held back).
    public func execute(_ sql: String) async throws(PostgresError) {
        let statement = PipelinedStatement(sql: sql, parameters: [])
        let severalStatements = sql.trimmingCharacters(in: .whitespacesAndNewlines).dropLast().contains(";")
        let outcome = await run { connection -> Result<Void, PostgresError> in
            if let refusal = connection.refusal(sending: nil) { return .failure(refusal) }
            connection.roundTripCount += 1
            if !connection.carried.isEmpty {
                guard severalStatements else {
                    return connection.blockingPipeline(connection.sendingCarried() + [statement]).map { _ in () }
                }
                if case .failure(let error) = connection.blockingPipeline(connection.sendingCarried()) {
                    return .failure(error)
                }
                connection.roundTripCount += 1
            }
            guard let result = PQexec(connection.handle, statement.taggedSQL) else {
                return .failure(connection.connectionError())
            }
            defer { PQclear(result) }
            return connection.check(result).map { _ in () }
        }
        try outcome.get()
    }

    /// Closes the connection. Further calls fail with a connection error.
    public func close() async {
        await run { (connection: PostgresConnection) -> Void in
            guard !connection.closed else { return }
            connection.closed = true
            PQfinish(connection.handle)
        }
    }

    /// Runs `body` with this connection's queue as the preferred task executor, so that its
    /// nonisolated async code, and with it every statement it sends, runs on that queue without
    /// hopping threads. Code isolated to an actor still runs on the actor.
    func withExecutorPreference<Value: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        try await withTaskExecutorPreference(executor) { try await body(self) }
    }

    /// Runs `body` on the connection's queue: in place when the caller is already there,
    /// otherwise suspending the caller meanwhile.
    func run<Value: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) -> Value
    ) async -> Value {
        await executor.run {
            self.assertOnQueue()
            return body(self)
        }
    }

    /// Stops the process when libpq is about to be called off the connection's queue: two
    /// threads inside one `PGconn` corrupt it silently.
    func assertOnQueue() {
        dispatchPrecondition(condition: .onQueue(executor.queue))
    }

    /// The raw handle, for code already running on the connection's queue.
    var blockingHandle: OpaquePointer? {
        assertOnQueue()
        return closed ? nil : handle
    }

    /// Runs an unnamed statement, tagged with its request (`PQexecParams`).
    private func blockingQuery(_ statement: PipelinedStatement) -> Result<PostgresResult, PostgresError> {
        let sql = statement.taggedSQL
        return blockingExec(statement.parameters) { handle, count, values in
            PQexecParams(handle, sql, count, nil, values, nil, nil, 0)
        }
    }

    /// Runs the statement prepared as `name` (`PQexecPrepared`).
    private func blockingQuery(prepared name: String, _ parameters: [String?]) -> Result<PostgresResult, PostgresError>
    {
        blockingExec(parameters) { handle, count, values in
            PQexecPrepared(handle, name, count, values, nil, nil, 0)
        }
    }

    /// Calls `exec` with the handle and the parameters as C strings, and reads its result.
    private func blockingExec(
        _ parameters: [String?],
        _ exec: (OpaquePointer, Int32, UnsafePointer<UnsafePointer<CChar>?>) -> OpaquePointer?
    ) -> Result<PostgresResult, PostgresError> {
        assertOnQueue()
        guard !closed else {
            return .failure(PostgresError(kind: .connection, message: "connection is closed"))
        }
        let result = withOptionalCStringArray(parameters) { values in
            exec(handle, Int32(parameters.count), values)
        }
        guard let result else { return .failure(connectionError()) }
        defer { PQclear(result) }
        return check(result).map { Self.readRows($0) }
    }

    /// Turns a failed result into a `PostgresError` with the server's fields.
    func check(_ result: OpaquePointer) -> Result<OpaquePointer, PostgresError> {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return .success(result)
        default:
            func field(_ code: Int32) -> String? {
                PQresultErrorField(result, code).map { String(cString: $0) }
            }
            let sqlState = field(Int32(UInt8(ascii: "C")))
            let message =
                field(Int32(UInt8(ascii: "M")))
                ?? String(cString: PQresultErrorMessage(result))
            // The server sends a SQLSTATE with every error it reports; an error without one
            // comes from libpq itself, i.e. the connection broke.
            return .failure(
                PostgresError(
                    kind: sqlState == nil ? .connection : .server,
                    sqlState: sqlState,
                    message: message.trimmingCharacters(in: .whitespacesAndNewlines),
                    detail: field(Int32(UInt8(ascii: "D"))),
                    hint: field(Int32(UInt8(ascii: "H"))),
                    constraint: field(Int32(UInt8(ascii: "n")))))
        }
    }

    func connectionError() -> PostgresError {
        assertOnQueue()
        let message = String(cString: PQerrorMessage(handle))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresError(kind: .connection, message: message.isEmpty ? "connection lost" : message)
    }

    static func readRows(_ result: OpaquePointer) -> PostgresResult {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = PostgresColumns(
            names: (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) })
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let values: [String?] = (0..<columnCount).map { column in
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 { return nil }
                return String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresResult(rows: rows, affectedRows: affected)
    }
}

/// A statement and its parameters as text, waiting to go out in a pipeline.
struct PipelinedStatement: Sendable {
    /// The statement's own text, without a request tag: the key of its prepared statement.
    let sql: String
    private let ownParameters: [String?]
    /// For a statement that merges (`mergesJSONArrays`): per parameter, the JSON arrays merged
    /// into it, joined into one array only when it is sent (joining at each merge would copy
    /// the rows over and over).
    private var mergedArrays: [[String]]?
    /// Whether it runs as a named prepared statement (`PreparedStatements`).
    let prepared: Bool
    /// The request it runs for, read when it was made: task-locals do not reach the queue.
    let tag: PostgresRequestTag?
    /// Whether its parameters are JSON arrays that the same statement held back later joins
    /// (`sendWithNext(_:mergingJSONArrays:)`).
    var mergesJSONArrays: Bool { mergedArrays != nil }

    init(sql: String, parameters: [String?], prepared: Bool = false) {
        self.sql = sql
        self.ownParameters = parameters
        self.prepared = prepared
        self.tag = PostgresRequestTag.current
    }

    /// A prepared statement whose parameters are the JSON arrays `arrays`, which later ones join
    /// (``merging(_:)``).
    init(sql: String, mergingJSONArrays arrays: [String]) {
        self.init(sql: sql, parameters: [], prepared: true)
        mergedArrays = arrays.map { [$0] }
    }

    /// The values for its placeholders.
    var parameters: [String?] {
        guard let mergedArrays else { return ownParameters }
        return mergedArrays.map(Self.joined)
    }

    /// JSON arrays joined into one. It cuts each array's brackets off by UTF-8 offsets: cut as
    /// Characters, kilobytes of rows cost 6 % of the server's CPU in a batch.
    private static func joined(_ arrays: [String]) -> String {
        var joined = "["
        joined.reserveCapacity(arrays.reduce(2) { $0 + $1.utf8.count })
        for array in arrays {
            // `merging` let in only arrays: a one-byte `[` first and `]` last.
            let utf8 = array.utf8
            let rows = utf8.index(after: utf8.startIndex)..<utf8.index(before: utf8.endIndex)
            guard !rows.isEmpty else { continue }
            if joined.utf8.count > 1 { joined += "," }
            joined += array[rows]
        }
        return joined + "]"
    }

    /// This statement with `arrays` joining its JSON array parameters, one by one; nil when it
    /// does not merge or they do not match (another count, or one that is not an array).
    func merging(_ arrays: [String]) -> PipelinedStatement? {
        guard var merged = mergedArrays, merged.count == arrays.count,
            arrays.allSatisfy({ $0.hasPrefix("[") && $0.hasSuffix("]") })
        else { return nil }
        for (index, array) in arrays.enumerated() { merged[index].append(array) }
        var statement = self
        statement.mergedArrays = merged
        return statement
    }

    /// The text sent when it runs unnamed: `sql` with the request's tag.
    var taggedSQL: String {
        tag.map { $0.appended(to: sql) } ?? sql
    }

    /// True when a parameter holds a NUL character, where libpq's C string would end.
    var holdsNUL: Bool {
        if let mergedArrays { return mergedArrays.contains { $0.contains { $0.utf8.contains(0) } } }
        return ownParameters.contains { $0?.utf8.contains(0) == true }
    }
}

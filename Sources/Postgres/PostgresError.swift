/// An error reported by libpq or by the PostgreSQL server.
///
/// Carries the server's SQLSTATE, message and detail when the server sent them, so callers can
/// tell a serialization failure from a unique violation from a dead connection.
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, at the level callers branch on.
    public enum Kind: Sendable, Hashable {
        /// The server could not be reached, or the connection broke.
        case connection
        /// The server rejected a statement.
        case server
        /// A result could not be decoded into the requested Swift type.
        case decoding
        /// The pool is shut down.
        case poolClosed
    }

    /// The broad category of the failure.
    public let kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    let sqlState: String?
    /// The primary human-readable message.
    public let message: String
    /// The server's DETAIL field, if any.
    public let detail: String?
    /// The server's HINT field, if any.
    public let hint: String?
    /// The constraint the error is about (unique and foreign-key violations), if any.
    let constraint: String?

    /// Creates an error value.
    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
    }

    /// True for failures that a fresh attempt of the whole transaction may cure:
    /// serialization failures (40001) and deadlocks (40P01).
    public var isTransactionRetryable: Bool {
        sqlState == SQLState.serializationFailure || sqlState == SQLState.deadlockDetected
    }

    /// True when the database could not be reached or the connection broke (class 08, shutdown
    /// states of class 57P, or a libpq-side connection failure).
    public var isConnectionFailure: Bool {
        if kind == .connection { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02"
            || sqlState == "57P03"
    }

    /// True when the server refused a value the statement was given, not the statement or the
    /// connection: a data exception (class 22: a value too long for its type, a NUL or `\u0000`
    /// in text or `jsonb`, a number out of range), a `NOT NULL` or `CHECK` constraint (23502,
    /// 23514), or a program limit (class 54, such as an index row too large for its index).
    ///
    /// Running the same statement with the same values fails the same way again, so the error
    /// belongs to whoever supplied the values, never to a retry or to the statements around it.
    public var isDataError: Bool {
        guard kind == .server, let sqlState else { return false }
        return sqlState.hasPrefix("22") || sqlState.hasPrefix("54") || sqlState == SQLState.notNullViolation
            || sqlState == SQLState.checkViolation
    }

    /// A text parameter that holds a NUL character, refused before it is sent: libpq passes
    /// parameters as C strings, which end at the first NUL, so the server would otherwise store
    /// or compare the text cut short there. Reported as PostgreSQL reports a NUL byte in text
    /// (22021), a data error.
    static let nulInParameter = PostgresError(
        kind: .server, sqlState: SQLState.characterNotInRepertoire,
        message: "a text parameter contains a NUL character (\\u0000), which PostgreSQL text cannot hold")

    public var description: String {
        var text = "PostgresError(\(kind)"
        if let sqlState { text += ", \(sqlState)" }
        text += "): \(message)"
        if let detail { text += " — \(detail)" }
        return text
    }
}

/// SQLSTATE codes that the code base branches on.
enum SQLState {
    /// `40001`
    static let serializationFailure = "40001"
    /// `40P01`
    static let deadlockDetected = "40P01"
    /// `23505`
    static let uniqueViolation = "23505"
    /// `23503`
    static let foreignKeyViolation = "23503"
    /// `23502`
    static let notNullViolation = "23502"
    /// `23514`
    static let checkViolation = "23514"
    /// `22021`: a byte sequence the encoding does not allow, such as NUL in text.
    static let characterNotInRepertoire = "22021"
    /// `57014`: statement cancelled, e.g. by `statement_timeout`.
    static let queryCanceled = "57014"
}

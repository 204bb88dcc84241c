/// The named prepared statements of one connection, by their SQL text.
///
/// A statement sent with `prepared: true` is parsed and planned once per connection, then only
/// bound and executed: PostgreSQL's parsing and planning are a large share of the work of a short
/// statement. The names live in the server session, so they die with the connection; the pool
/// replaces a broken connection with a fresh one, whose cache starts empty.
///
/// A name is recorded only once its prepare succeeded: a prepare that failed (a syntax error, an
/// aborted transaction, a pipeline cut short before it) leaves nothing behind on the server, and
/// the next use prepares again under a new name. A prepare that succeeded inside a transaction
/// that then rolled back stays valid: the protocol's Parse is not transactional.
struct PreparedStatements: Sendable {
    /// How many statements a connection prepares at most; past it, statements go unnamed. The
    /// command path uses a few dozen fixed texts, so the bound only guards against a caller
    /// preparing texts built per call, which would otherwise grow server memory without end.
    static let defaultLimit = 256

    let limit: Int
    /// The name each prepared text runs under.
    private var names: [String: String] = [:]
    /// Names handed out so far, so that a name is never reused (after a failed prepare, say).
    private var issued = 0

    init(limit: Int = Self.defaultLimit) {
        self.limit = limit
    }

    /// How many statements are prepared.
    var count: Int { names.count }

    /// The name `sql` was prepared under, if it was.
    func name(of sql: String) -> String? {
        names[sql]
    }

    /// A fresh name to prepare a statement under, or nil when the cache is full counting the
    /// `pending` prepares not yet confirmed.
    mutating func freshName(pending: Int) -> String? {
        guard names.count + pending < limit else { return nil }
        issued += 1
        return "opsline_\(issued)"
    }

    /// Records that `sql` is now prepared under `name` (its prepare succeeded).
    mutating func confirm(_ sql: String, as name: String) {
        names[sql] = name
    }
}

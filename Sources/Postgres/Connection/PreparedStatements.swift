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
    private var names: [StatementText: String] = [:]
    /// Names handed out so far, so that a name is never reused (after a failed prepare, say).
    private var issued = 0

    init(limit: Int = Self.defaultLimit) {
        self.limit = limit
    }

    /// How many statements are prepared.
    var count: Int { names.count }

    /// The name `sql` was prepared under, if it was.
    func name(of sql: String) -> String? {
        names[StatementText(sql)]
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
        names[StatementText(sql)] = name
    }
}

/// A statement's text as a dictionary key that hashes in constant time.
///
/// `String` hashes every character, normalising it to NFC on the way, and the command path's
/// statements run to kilobytes: looked up for every statement sent, hashing them cost more than
/// the rest of sending. This key hashes the length and a few bytes; equality still compares the
/// whole text (at once when both are the same stored string, as a fixed text used again is).
struct StatementText: Hashable, Sendable {
    let sql: String

    init(_ sql: String) {
        self.sql = sql
    }

    func hash(into hasher: inout Hasher) {
        let bytes = sql.utf8
        hasher.combine(bytes.count)
        // Eight bytes spread over the text, the last one included.
        guard !bytes.isEmpty else { return }
        let step = max(bytes.count / 8, 1)
        var index = bytes.index(before: bytes.endIndex)
        for _ in 0..<8 {
            hasher.combine(bytes[index])
            guard let next = bytes.index(index, offsetBy: -step, limitedBy: bytes.startIndex) else { break }
            index = next
        }
    }

    static func == (lhs: StatementText, rhs: StatementText) -> Bool {
        lhs.sql == rhs.sql
    }
}

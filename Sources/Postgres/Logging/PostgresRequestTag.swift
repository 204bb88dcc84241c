/// The request a statement runs for, named in the statement's text so that PostgreSQL's own
/// view of it (a slow statement in its log, `pg_stat_activity.query`) says which request sent it.
///
/// Bound as a task-local value (``current``) around a request's work; every statement a
/// connection sends from that task ends with a sqlcommenter-style comment,
/// `/* request_id='…' */`. The comment rides on the statement's own text: no extra round trip,
/// and PostgreSQL's query id ignores comments, so `pg_stat_statements` keeps one entry per
/// statement. Only ids of 1–128 characters from `[A-Za-z0-9._:-]` are accepted, so the text
/// can never leave the comment.
public struct PostgresRequestTag: Sendable, Hashable, CustomStringConvertible {
    /// The request's id.
    public let id: String

    /// The tag for `id`; nil unless it is 1–128 characters from `[A-Za-z0-9._:-]`.
    public init?(_ id: String) {
        guard Self.isValid(id) else { return nil }
        self.id = id
    }

    public var description: String { id }

    /// The tag of the request the current task works for, if any.
    @TaskLocal public static var current: PostgresRequestTag?

    /// Whether `id` may name a request: 1–128 characters from `[A-Za-z0-9._:-]`.
    public static func isValid(_ id: String) -> Bool {
        let bytes = id.utf8
        guard (1...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
                UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }

    /// A statement that names the request in `application_name` until the transaction ends
    /// (`set_config(…, true)`, i.e. `SET LOCAL`): `<name> request_id=…`. Sent with a `BEGIN`, in
    /// the same round trip, it names the request for the transaction's prepared statements too,
    /// whose text cannot carry the comment. PostgreSQL shows it in `pg_stat_activity` and in its
    /// log through `%a`; it keeps the first 63 bytes.
    static let namingApplication =
        "SELECT set_config('application_name', current_setting('application_name') || $1, true)"

    /// The parameter of ``namingApplication``: what it appends to the name.
    var applicationNameSuffix: String { " request_id=\(id)" }

    /// `sql` followed by `/* request_id='…' */`: after a space, or on a line of its own when the
    /// statement's last line holds a `--` comment that would swallow it.
    func appended(to sql: String) -> String {
        let lastLine = sql.lastIndex(of: "\n").map { sql[sql.index(after: $0)...] } ?? sql[...]
        let separator = lastLine.contains("--") ? "\n" : " "
        return sql + separator + "/* request_id='" + id + "' */"
    }
}

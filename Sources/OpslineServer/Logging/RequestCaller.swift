import Synchronization

/// Who a request turned out to act for, noted by the middleware that authenticates it (a token's
/// user or name on `/v1`, the session's user on `/ui`) for the access log line, which is written
/// by a middleware further out that never sees the inner context.
final class RequestCaller: Sendable {
    private let noted = Mutex<String?>(nil)

    /// The caller's name; nil until authenticated.
    var name: String? {
        get { noted.withLock { $0 } }
        set { noted.withLock { $0 = newValue } }
    }
}

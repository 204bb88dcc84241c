import CLibPQ
import Foundation

/// A notification delivered by `NOTIFY`.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel it was sent on.
    public let channel: String
    /// The payload (empty when none was given).
    public let payload: String
    /// The process id of the notifying backend.
    let processID: Int32
}

extension PostgresConnection {
    /// Subscribes this connection to a channel (`LISTEN`). The channel is quoted as an identifier.
    public func listen(_ channel: String) async throws(PostgresError) {
        try await execute("LISTEN \(Self.quoteIdentifier(channel))")
    }

    /// Waits up to `timeout` for notifications and returns those that arrived (possibly none).
    ///
    /// Blocks this connection's queue meanwhile: use it on a connection reserved for listening.
    func waitForNotifications(
        timeout: Duration
    ) async throws(PostgresError) -> [PostgresNotification] {
        let milliseconds = Int32(
            clamping: timeout.components.seconds * 1000
                + timeout.components.attoseconds / 1_000_000_000_000_000)
        let outcome = await run { connection in connection.blockingWait(milliseconds) }
        return try outcome.get()
    }

    private func blockingWait(_ milliseconds: Int32) -> Result<[PostgresNotification], PostgresError> {
        guard let handle = blockingHandle else {
            return .failure(PostgresError(kind: .connection, message: "connection is closed"))
        }
        var notifications = drain(handle)
        guard notifications.isEmpty else { return .success(notifications) }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        guard descriptor.fd >= 0 else { return .failure(connectionError()) }
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0, errno != EINTR { return .failure(connectionError()) }
        if ready > 0 {
            guard PQconsumeInput(handle) == 1 else { return .failure(connectionError()) }
            notifications = drain(handle)
        }
        return .success(notifications)
    }

    private func drain(_ handle: OpaquePointer) -> [PostgresNotification] {
        var notifications: [PostgresNotification] = []
        while let pointer = PQnotifies(handle) {
            let notify = pointer.pointee
            notifications.append(
                PostgresNotification(
                    channel: String(cString: notify.relname),
                    payload: notify.extra.map { String(cString: $0) } ?? "",
                    processID: notify.be_pid))
            PQfreemem(pointer)
        }
        return notifications
    }

    /// Quotes an identifier the way `quote_ident` does, so that any channel name is safe.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

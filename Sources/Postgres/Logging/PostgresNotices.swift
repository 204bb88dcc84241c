import CLibPQ
import Foundation
import Logging

/// Where a connection's server remarks go: NOTICEs and WARNINGs it raises ("relation … already
/// exists, skipping"), the `FATAL:` line of a connection the server ends while it sits idle
/// ("terminating connection due to administrator command"), and libpq's own remarks. libpq
/// would print them raw to standard error; they go through the logger instead, one entry each.
final class PostgresNotices: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Makes `handle` send its remarks to this object, which must outlive it.
    func receive(from handle: OpaquePointer) {
        PQsetNoticeReceiver(
            handle,
            { argument, result in
                guard let argument, let result else { return }
                Unmanaged<PostgresNotices>.fromOpaque(argument).takeUnretainedValue().log(result)
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    private func log(_ result: OpaquePointer) {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let severity = field("V") ?? field("S") ?? "NOTICE"
        let message = field("M") ?? String(cString: PQresultErrorMessage(result))
        var metadata: Logger.Metadata = ["severity": "\(severity)"]
        if let code = field("C") { metadata["sqlstate"] = "\(code)" }
        if let detail = field("D") { metadata["detail"] = "\(detail)" }
        logger.log(
            level: Self.level(severity), "PostgreSQL: \(message.trimmingCharacters(in: .whitespacesAndNewlines))",
            metadata: metadata)
    }

    /// A NOTICE is routine (`debug`: `CREATE … IF NOT EXISTS` raises one on every start); a
    /// WARNING is a warning; an ERROR, FATAL or PANIC that arrives as a remark (the server ending
    /// an idle connection) is an error.
    static func level(_ severity: String) -> Logger.Level {
        switch severity {
        case "WARNING": .warning
        case "ERROR", "FATAL", "PANIC": .error
        case "INFO", "LOG": .info
        default: .debug
        }
    }
}

import Foundation
import Logging
import OpslineStore

/// Makes sure an administrator can get in on first start.
enum AdminToken {
    /// With `OPSLINE_ADMIN_TOKEN`, that secret becomes (or stays) an admin token. Without it, the
    /// first start creates one and writes it to `<data-dir>/admin-token` with mode 0600; the log
    /// says where, never what.
    static func bootstrap(
        configured: String?, tokens: TokenStore, dataDirectory: URL, logger: Logger
    ) async throws {
        if let configured, !configured.isEmpty {
            try await tokens.ensure(secret: TokenSecret(configured), name: "admin", role: .admin)
            return
        }
        let file = dataDirectory.appendingPathComponent("admin-token")
        if try await tokens.hasAdmin() {
            if FileManager.default.fileExists(atPath: file.path) {
                logger.info("admin token kept in \(file.path)")
            }
            return
        }
        let (_, secret) = try await tokens.create(name: "admin", role: .admin, teams: [])
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data((secret.value + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw ServerStartupError.cannotWrite(path: file.path) }
        logger.notice("created an admin token; it is in \(file.path) (mode 0600)")
    }
}

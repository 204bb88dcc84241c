import Foundation

/// The operating-system user that owns and runs the embedded cluster: the current user, or
/// `postgres` when running as root (initdb and postgres refuse to run as root).
struct ClusterUser: Sendable {
    /// The `postgres` account's ids, when the current user is root.
    let postgresAccount: (uid: uid_t, gid: gid_t)?

    static func current() throws(EmbeddedPostgresError) -> ClusterUser {
        guard geteuid() == 0 else { return ClusterUser(postgresAccount: nil) }
        guard let entry = getpwnam("postgres") else { throw .noPostgresUser }
        return ClusterUser(postgresAccount: (entry.pointee.pw_uid, entry.pointee.pw_gid))
    }

    /// Runs a program as the cluster user; throws with its output when it fails.
    func run(_ program: String, _ arguments: [String]) throws {
        let (executable, fullArguments) = command(program, arguments)
        let output = try ProcessRunner.run(executable, fullArguments)
        guard output.status == 0 else {
            throw EmbeddedPostgresError.commandFailed(
                command: ([program] + arguments).joined(separator: " "), status: output.status,
                output: output.text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Runs a program as the cluster user and returns its exit status.
    func exitStatus(_ program: String, _ arguments: [String]) throws -> Int32 {
        let (executable, fullArguments) = command(program, arguments)
        return try ProcessRunner.run(executable, fullArguments).status
    }

    /// Gives `url` to the cluster user (a no-op unless running as root).
    func takeOwnership(of url: URL) throws {
        guard let account = postgresAccount else { return }
        guard chown(url.path, account.uid, account.gid) == 0 else {
            throw EmbeddedPostgresError.commandFailed(
                command: "chown postgres \(url.path)", status: errno, output: String(cString: strerror(errno)))
        }
    }

    /// Fails early with a clear message when the cluster user cannot reach `url`.
    func checkReachable(_ url: URL) throws {
        guard postgresAccount != nil else { return }
        if try exitStatus("/usr/bin/test", ["-w", url.path]) != 0 {
            throw EmbeddedPostgresError.dataDirectoryNotReachable(path: url.path)
        }
    }

    private func command(_ program: String, _ arguments: [String]) -> (String, [String]) {
        guard postgresAccount != nil else { return (program, arguments) }
        return ("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
    }
}

/// Why the embedded PostgreSQL cluster could not be prepared or started.
public enum EmbeddedPostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No folder with `initdb` and `pg_ctl` was found.
    case binariesNotFound(searched: [String])
    /// A program exited non-zero; carries its output for the user.
    case commandFailed(command: String, status: Int32, output: String)
    /// Running as root, but there is no `postgres` user to run the cluster as.
    case noPostgresUser
    /// Running as root, and the `postgres` user cannot reach the data folder.
    case dataDirectoryNotReachable(path: String)
    /// A start waited in vain for an earlier PostgreSQL of the data folder to answer or exit.
    case clusterBusy(waitingFor: String, seconds: Int)

    public var description: String {
        switch self {
        case .binariesNotFound(let searched):
            return "PostgreSQL server programs (initdb, pg_ctl) not found; looked in "
                + searched.joined(separator: ", ")
                + ". Install them (apt-get install -y postgresql) or pass --database-url."
        case .commandFailed(let command, let status, let output):
            return "\(command) exited with status \(status): \(output)"
        case .noPostgresUser:
            return "running as root, but there is no 'postgres' user to run the cluster as"
                + " (initdb refuses to run as root); install the postgresql package"
        case .dataDirectoryNotReachable(let path):
            return "the 'postgres' user cannot reach \(path); choose a --data-dir it can traverse"
                + " (for example under /var/lib/opsline) or run as a regular user"
        case .clusterBusy(let waitingFor, let seconds):
            return "gave up after \(seconds) s waiting for \(waitingFor); see postgres.log in the data folder"
        }
    }
}

import Foundation
import Logging

/// A private PostgreSQL cluster that Opsline runs itself: `initdb` on first use, `pg_ctl start`
/// on every start, unix socket only (`listen_addresses = ''`), `pg_ctl stop` on shutdown.
///
/// Layout under `directory`: `pgdata/` (the cluster), `run/` (the socket), `postgres.log`.
/// When the process runs as root the cluster runs as the `postgres` user, because `initdb`
/// refuses to run as root.
public struct EmbeddedPostgres: Sendable {
    /// Settings that differ between a real server and a throw-away test cluster.
    public struct Options: Sendable {
        /// Keep `fsync` on. Tests turn it off for speed; a server never does.
        public var durable: Bool = true
        /// The database the server uses, created on first start.
        public var database: String = "opsline"
        /// `max_connections` of the cluster.
        public var maxConnections: Int = 100

        /// The defaults for a real server.
        public init() {}
    }

    /// The folder holding the cluster, its socket and its log.
    public let directory: URL
    /// Settings of this cluster.
    public let options: Options
    let binaries: PostgresBinaries
    let runAs: ClusterUser
    let logger: Logger

    /// Prepares (but does not start) a cluster in `directory`.
    public init(
        directory: URL, options: Options = Options(), logger: Logger = Logger(label: "opsline.embedded")
    ) throws(EmbeddedPostgresError) {
        self.directory = directory.standardizedFileURL
        self.options = options
        self.binaries = try PostgresBinaries.locate()
        self.runAs = try ClusterUser.current()
        self.logger = logger
    }

    var dataDirectory: URL { directory.appendingPathComponent("pgdata") }
    var logFile: URL { directory.appendingPathComponent("postgres.log") }

    /// The folder for the unix socket. Socket paths are limited to about 100 bytes, so a deep
    /// data folder gets its socket under `/tmp` instead.
    var socketDirectory: URL {
        let local = directory.appendingPathComponent("run")
        guard local.path.utf8.count > 90 else { return local }
        let tag = String(UInt64(bitPattern: Int64(local.path.hashValueStable)), radix: 36)
        return URL(fileURLWithPath: "/tmp/opsline-\(tag)")
    }

    /// A libpq connection string for `database` on this cluster.
    public func conninfo(database: String? = nil) -> String {
        "host=\(socketDirectory.path) port=5432 user=opsline dbname=\(database ?? options.database)"
    }

    /// Initialises the cluster if needed, starts it unless it is already running, and creates
    /// the database. Returns whether this process owns the cluster, and so should stop it (see
    /// `stopIfOwned()`).
    ///
    /// One start recovers from any crash: it waits (up to a minute) for a postmaster that is
    /// starting, recovering or shutting down, and for the children of a killed one to exit; it
    /// uses a running postmaster only once it accepts connections; and it removes lock files
    /// whose PID is not a PostgreSQL process of this data folder (a PID reused after a reboot).
    @discardableResult
    public func start() async throws -> Bool {
        try prepareDirectories()
        if !FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) {
            try initialise()
        }
        try writeSettings()
        let owned: Bool
        switch try await settle() {
        case .running(let lock):
            owned = claim(lock)
        case .stopped:
            // Written first, so that a server killed while PostgreSQL starts still counts as the
            // one that started it.
            try ClusterOwner(server: .current, postmaster: nil, written: Self.now).write(to: ownerFile)
            try await offloaded { [runAs, binaries, dataDirectory, logFile] in
                try runAs.run(
                    binaries.pgCtl, ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path])
            }
            if let lock = livePostmaster(), let startTime = lock.startTime {
                try ClusterOwner(server: .current, postmaster: (lock.pid, startTime), written: Self.now)
                    .write(to: ownerFile)
            }
            owned = true
        }
        try await createDatabaseIfMissing()
        return owned
    }

    /// Stops the cluster if this process owns it: it started it, or took it over from an Opsline
    /// server that died without stopping it (see `ClusterOwner`). Returns whether it stopped it.
    @discardableResult
    public func stopIfOwned() throws -> Bool {
        guard let owner = ClusterOwner.read(at: ownerFile), owner.server == .current else { return false }
        if let lock = livePostmaster(), !owner.names(lock) { return false }
        try stop()
        return true
    }

    /// Stops the server (`pg_ctl stop -m fast`): open transactions roll back, data is flushed.
    /// Returns once no PostgreSQL process of the data folder is left (or after 10 s more).
    ///
    /// Only a postmaster of this data folder is stopped: `pg_ctl stop` alone would signal
    /// whatever process has the PID a stale `postmaster.pid` names.
    public func stop() throws {
        guard livePostmaster() != nil else { return }
        try runAs.run(binaries.pgCtl, ["stop", "-w", "-t", "60", "-m", "fast", "-D", dataDirectory.path])
        // pg_ctl returns when the lock file is gone, a moment before the postmaster has exited.
        let deadline = ContinuousClock.now + .seconds(10)
        while !ProcessTable.postgresProcesses(of: realDataDirectory).isEmpty, ContinuousClock.now < deadline {
            usleep(20_000)
        }
        try? FileManager.default.removeItem(atPath: ownerFile)
    }

    /// True when a postmaster of this data folder runs.
    func isRunning() -> Bool {
        livePostmaster() != nil
    }

    private func prepareDirectories() throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in [dataDirectory, socketDirectory] {
            try manager.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try runAs.takeOwnership(of: folder)
        }
        if !manager.fileExists(atPath: logFile.path) {
            _ = manager.createFile(atPath: logFile.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try runAs.takeOwnership(of: logFile)
        try runAs.checkReachable(dataDirectory)
    }

    private func initialise() throws {
        logger.info("creating the embedded PostgreSQL cluster", metadata: ["data": "\(dataDirectory.path)"])
        try runAs.run(
            binaries.initdb,
            [
                "-D", dataDirectory.path, "--username=opsline", "--auth=trust", "--encoding=UTF8",
                "--locale=C", "--no-instructions",
            ])
        let include = "\ninclude_if_exists = 'opsline.conf'\n"
        let configuration = dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: configuration)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(include.utf8))
        try handle.close()
    }

    /// Rewritten on every start, so moving the folder or changing options takes effect.
    private func writeSettings() throws {
        var lines = [
            "listen_addresses = ''",
            "unix_socket_directories = '\(socketDirectory.path.replacingOccurrences(of: "'", with: "''"))'",
            "port = 5432",
            "max_connections = \(options.maxConnections)",
        ]
        if !options.durable {
            lines += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        }
        let file = dataDirectory.appendingPathComponent("opsline.conf")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        try runAs.takeOwnership(of: file)
    }

    private func createDatabaseIfMissing() async throws {
        let connection = try await PostgresConnection.connect(conninfo(database: "postgres"), logger: logger)
        defer { Task { await connection.close() } }
        let existing = try await connection.query(
            "SELECT 1 FROM pg_database WHERE datname = $1", [options.database])
        if existing.rows.isEmpty {
            try await connection.execute("CREATE DATABASE \(PostgresConnection.quoteIdentifier(options.database))")
        }
    }
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(bitPattern: UInt(hash))
    }
}

import Foundation
import Postgres

/// The PostgreSQL cluster shared by every test in this process.
///
/// Started on first use with the same launcher `opsline serve` uses (so tests exercise it too),
/// in a fresh folder under `/tmp`, without fsync. Each test asks for its own database, cloned from
/// an empty template, so tests can run in parallel without seeing each other's rows. The cluster
/// is stopped when the test process exits.
public actor TestCluster {
    /// The one cluster of this process.
    public static let shared = TestCluster()

    /// One start shared by every caller: the actor is re-entered while `start()` awaits.
    private var starting: Task<EmbeddedPostgres, any Error>?
    private var databaseCount = 0

    /// The first use of the cluster also sends the logs of the servers tests run to a file.
    private init() {
        TestLogging.bootstrap()
    }

    /// Creates an empty database and returns its connection string.
    public func makeDatabase() async throws -> String {
        let cluster = try await startedCluster()
        databaseCount += 1
        let name = "test_\(databaseCount)"
        let admin = try await PostgresConnection.connect(cluster.conninfo(database: "postgres") + Self.patience)
        try await admin.execute("CREATE DATABASE \(name)")
        await admin.close()
        return cluster.conninfo(database: name) + Self.patience
    }

    /// Hundreds of tests connect at once on a small machine: give a connection more than the
    /// product's 5 s before calling it dead (a later `connect_timeout` wins in libpq).
    private static let patience = " connect_timeout=30"

    /// The cluster, for tests that stop and restart the server itself.
    public func embedded() async throws -> EmbeddedPostgres {
        try await startedCluster()
    }

    private func startedCluster() async throws -> EmbeddedPostgres {
        if let starting { return try await starting.value }
        let task = Task { try await Self.startCluster() }
        starting = task
        return try await task.value
    }

    private static func startCluster() async throws -> EmbeddedPostgres {
        stopClustersOfDeadRuns()
        let directory = URL(fileURLWithPath: "/tmp/opsline-test-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        var options = EmbeddedPostgres.Options()
        options.durable = false
        options.database = "postgres"
        // Suites run in parallel, each with its pools, listeners and sometimes whole servers
        // (an `opsline serve` child holds 16 pooled connections and its listeners): on a busy
        // machine tests overlap longer and hold more at once. An idle backend costs a few MB.
        options.maxConnections = 1500
        let cluster = try EmbeddedPostgres(directory: directory, options: options)
        try await cluster.start()
        TestClusterShutdown.register(cluster)
        return cluster
    }
}

extension TestCluster {
    /// A test process killed outright (SIGKILL, a CI timeout) never runs its `atexit` handler,
    /// leaving its cluster running; stop and delete those of processes that no longer exist.
    fileprivate static func stopClustersOfDeadRuns() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("opsline-test-") {
            guard let pid = Int32(name.dropFirst("opsline-test-".count)), pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let directory = URL(fileURLWithPath: "/tmp/\(name)")
            try? EmbeddedPostgres(directory: directory).stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

/// Stops the shared cluster when the test process exits.
private enum TestClusterShutdown {
    // nonisolated(unsafe): written once, by the `TestCluster` actor's one start, before the
    // `atexit` handler that alone reads it is registered; it runs at exit, after every test.
    nonisolated(unsafe) private static var registered: EmbeddedPostgres?

    static func register(_ cluster: EmbeddedPostgres) {
        registered = cluster
        atexit {
            guard let cluster = TestClusterShutdown.registered else { return }
            try? cluster.stop()
            try? FileManager.default.removeItem(at: cluster.directory)
        }
    }
}

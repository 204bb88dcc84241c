import ArgumentParser
import Foundation
import OpslineStore
import Postgres

/// `opsline db`: database maintenance, straight against PostgreSQL (no server needed).
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Inspect, migrate and prune the database.", subcommands: [Status.self, Migrate.self, Prune.self])
}

/// The connection string every `opsline db` command takes.
struct DatabaseURLOption: ParsableArguments {
    @Option(help: "PostgreSQL URL or conninfo. [env: OPSLINE_DATABASE_URL]")
    var databaseURL: String?

    /// A one-connection pool on the database, closed after `body`.
    func withPool<T: Sendable>(_ body: (PostgresPool) async throws -> T) async throws -> T {
        guard let url = databaseURL ?? ProcessInfo.processInfo.environment["OPSLINE_DATABASE_URL"] else {
            throw ValidationError("give --database-url or set OPSLINE_DATABASE_URL")
        }
        let pool = PostgresPool(conninfo: url, maximumConnections: 1)
        do {
            let result = try await body(pool)
            await pool.close()
            return result
        } catch {
            await pool.close()
            throw error
        }
    }
}

extension DatabaseCommand {
    /// `opsline db migrate [--dry-run]`: apply pending schema migrations and exit.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending schema migrations (safe to run from several replicas at once).",
            discussion: """
                Migrations run one transaction each, under an advisory lock: replicas starting \
                together take turns and only the first applies them. --dry-run lists what would \
                run and changes nothing.
                """)

        @OptionGroup var database: DatabaseURLOption

        @Flag(help: "List the migrations that would run, and apply none.")
        var dryRun = false

        func run() async throws {
            let migrator = try Migrator()
            let message = try await database.withPool { pool in
                if dryRun {
                    let pending = try await DatabaseStatus.read(pool, migrator: migrator).pending
                    return pending.isEmpty
                        ? "schema is up to date: nothing would run"
                        : (["would apply:"] + pending.map { "  " + $0 }).joined(separator: "\n")
                }
                let applied = try await migrator.migrate(pool)
                return applied.isEmpty ? "schema is up to date" : "applied: " + applied.joined(separator: ", ")
            }
            try TerminalOutput.print(message)
        }
    }
}

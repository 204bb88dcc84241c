import ArgumentParser
import Foundation
import OpslineStore
import Postgres

/// `opsline db`: database maintenance.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the database.", subcommands: [Migrate.self])

    /// `opsline db migrate`: apply pending schema migrations and exit.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending schema migrations (safe to run from several replicas at once).")

        @Option(help: "PostgreSQL URL or conninfo. [env: OPSLINE_DATABASE_URL]")
        var databaseURL: String?

        func run() async throws {
            guard let url = databaseURL ?? ProcessInfo.processInfo.environment["OPSLINE_DATABASE_URL"] else {
                throw ValidationError("give --database-url or set OPSLINE_DATABASE_URL")
            }
            let pool = PostgresPool(conninfo: url, maximumConnections: 1)
            let applied = try await Migrator().migrate(pool)
            await pool.close()
            try TerminalOutput.print(
                applied.isEmpty ? "schema is up to date" : "applied: " + applied.joined(separator: ", "))
        }
    }
}

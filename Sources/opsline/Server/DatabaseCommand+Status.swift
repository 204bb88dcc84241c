import ArgumentParser
import Foundation
import OpslineStore

extension DatabaseCommand {
    /// `opsline db status`: the schema, the server, the event log's end, due work, table sizes.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the schema version, pending migrations, due work and table sizes.",
            discussion: """
                Reads catalogs and index ends only, so it answers at once on a database of any \
                size. Exit status 0 when the schema is up to date, 3 when migrations are pending \
                (`opsline db migrate` applies them). Row counts are PostgreSQL's estimates.
                """)

        @OptionGroup var database: DatabaseURLOption

        @Option(name: [.short, .long], help: "Output format: table or json.")
        var output: Format = .table

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table
            case json
        }

        func run() async throws {
            let migrator = try Migrator()
            let status = try await database.withPool { try await DatabaseStatus.read($0, migrator: migrator) }
            switch output {
            case .table: try TerminalOutput.print(DatabaseStatusView.render(status, now: Date()))
            case .json: try TerminalOutput.print(DatabaseStatusView.json(status))
            }
            if !status.isUpToDate { throw ExitCode(3) }
        }
    }
}

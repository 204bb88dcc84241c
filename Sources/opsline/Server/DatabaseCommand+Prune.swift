import ArgumentParser
import OpslineStore

extension DatabaseCommand {
    /// `opsline db prune --events-older-than 400d`: delete the oldest events, in small batches.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the events older than a given age, oldest first, in small batches.",
            discussion: """
                Each batch is its own short transaction over rows no command writes, so commands go \
                on meanwhile; it is safe beside running servers and beside another prune. Only the \
                oldest end of the log goes, up to the first event not older than the age, and the \
                position pruned through is kept: a follower resuming below it gets 410 Gone. \
                `opsline serve --event-retention 400d` does the same every hour.
                """)

        @OptionGroup var database: DatabaseURLOption

        @Option(help: "Delete the events older than this, e.g. 400d.")
        var eventsOlderThan: String

        @Option(help: "Events deleted per transaction.")
        var batchSize = 1_000

        func validate() throws {
            _ = try DurationArgument.parse(eventsOlderThan, option: "--events-older-than", examples: "400d", positive: true)
            guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        }

        func run() async throws {
            let age = try DurationArgument.parse(
                eventsOlderThan, option: "--events-older-than", examples: "400d", positive: true)
            let outcome = try await database.withPool { pool in
                try await EventRetention(pool: pool).prune(olderThan: .seconds(age.seconds), batchSize: batchSize)
            }
            try TerminalOutput.print(
                "pruned \(outcome.pruned) events; the log now starts after seq \(outcome.prunedThrough)")
        }
    }
}

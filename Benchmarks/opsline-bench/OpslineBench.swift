import ArgumentParser

/// `opsline-bench`: the load generator and report printer behind `Benchmarks/run.sh`.
@main
struct OpslineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opsline-bench",
        abstract: "Measure durable task transitions through a running Opsline server.",
        discussion: """
            Normally driven by Benchmarks/run.sh, which starts the server, runs `seed`, then `http`, \
            which runs pgbench against the same embedded cluster between its rounds, and prints the \
            comparison with `report`.
            """,
        subcommands: [SeedCommand.self, HTTPCommand.self, ReportCommand.self]
    )
}

import ArgumentParser

/// `opsline-bench`: the load generator and report printer behind `Benchmarks/run.sh`.
@main
struct OpslineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opsline-bench",
        abstract: "Measure durable task transitions through a running Opsline server.",
        discussion: """
            Normally driven by Benchmarks/run.sh, which starts the server, runs `http`, runs \
            pgbench against the same embedded cluster, and prints the comparison with `report`.
            """,
        subcommands: [HTTPCommand.self, ReportCommand.self]
    )
}

import ArgumentParser
import Foundation
import OpslineClient

extension ReportCommand {
    /// `opsline report sla [--by team,workflow,policy] [--from T] [--to T]`
    struct SLA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sla",
            abstract: "SLA compliance per group: met, breached and running clocks.",
            discussion: """
                COMPLIANCE is met / (met + breached). P50 and P90 are the working time stopped \
                clocks used. Clocks count when they started within --from/--to; each cycle of a \
                clock (a reopened complaint's second resolution clock) counts on its own. TEAM is \
                the team a clock is charged to: the one that held the task when it breached (when \
                it was met, for a met clock), not the one an escalation handed it to.
                """)

        /// The dimensions a report may group by.
        static let dimensions = ["team", "workflow", "policy", "cycle"]

        @Option(
            help: ArgumentHelp(
                "Group by these, comma-separated, in order: team, workflow, policy, cycle (default: one line overall).",
                valueName: "dimensions"))
        var by: String?

        @Option(help: "Only this workflow's tasks.")
        var workflow: String?

        @OptionGroup var window: ReportWindowOptions

        @OptionGroup var client: ClientOptions

        /// `--by` split into its dimensions.
        var groups: [String] {
            (by ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }

        func validate() throws {
            for dimension in groups where !Self.dimensions.contains(dimension) {
                throw ValidationError("--by takes team, workflow, policy and cycle, not '\(dimension)'")
            }
            if Set(groups).count != groups.count { throw ValidationError("--by names a dimension twice") }
        }

        func run() async throws {
            try await client.withClient { opsline in
                guard client.output == .table else {
                    let request = ClientRequest.slaReport(by: groups, workflow: workflow, filter: window.filter)
                    return try await client.printLines(opsline.lines(request), asArray: true, name: groups.first ?? "")
                }
                let lines = try await opsline.slaReport(by: groups, workflow: workflow, filter: window.filter)
                    .collect()
                try TerminalOutput.print(SLAReportView.render(lines, by: groups))
            }
        }
    }
}

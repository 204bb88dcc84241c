import ArgumentParser
import OpslineClient

extension WorkflowCommand {
    /// `opsline workflow graph NAME [--format dot|mermaid|svg] [--version N]`
    struct Graph: AsyncParsableCommand {
        /// A diagram format the server draws.
        enum Format: String, CaseIterable, ExpressibleByArgument {
            case dot, mermaid, svg
        }

        static let configuration = CommandConfiguration(
            abstract: "Print a workflow's state diagram, as Graphviz DOT, Mermaid or SVG.",
            discussion: """
                States are nodes (the initial one bold, final ones double-bordered), transitions \
                labelled edges with their guards, choices small diamonds with a 'when' on each \
                branch, timers dashed edges such as 'after 90d'. The diagram is printed as text \
                whatever -o says: pipe DOT to `dot -Tsvg`, paste Mermaid into a ```mermaid block, \
                or save SVG (laid out by the server, no Graphviz needed) and open it in a browser.
                """)

        @Argument(
            help: "The workflow's name, such as complaint-escalation.", completion: TaskCompletion.workflowNames)
        var name: String

        @Option(help: "dot, mermaid or svg.")
        var format: Format = .dot

        @Option(help: "A published version (default: the latest).")
        var version: Int?

        @OptionGroup var client: ClientOptions

        func validate() throws {
            if let version, version < 1 { throw ValidationError("--version must be at least 1") }
        }

        func run() async throws {
            try await client.withClient { opsline in
                try TerminalOutput.print(
                    try await opsline.workflowGraph(name: name, format: format.rawValue, version: version))
            }
        }
    }
}

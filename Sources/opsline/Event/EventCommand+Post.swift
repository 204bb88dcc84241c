import ArgumentParser
import OpslineClient
import Workflow

extension EventCommand {
    /// `opsline event post [FILE|-] [--atomic]`
    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post NDJSON command lines and print one result line per input line.",
            discussion: """
                Reads the lines from FILE, or from standard input when FILE is '-' or left out, \
                and streams them to POST /v1/events. The result lines are printed as the server \
                commits them, in input order: {"line":N,"status":S,"task":{…}} or \
                {"line":N,"status":S,"error":{…}}. -o table shows LINE, STATUS and the task or \
                the error; -o json one array; -o name the id of each task created or changed, \
                one a line, as they commit.

                Exits with 1 when any line failed (status 400 or more), with 0 when all were \
                applied or when the reader of the output goes away early (`| head -3`). When the \
                request as a whole fails (no server, bad token, body too large), the exit code \
                says why:

                \(ExitStatus.helpText)
                """)

        @Argument(help: ArgumentHelp("The NDJSON file to post; '-' for standard input.", valueName: "file"))
        var file: String = "-"

        @Flag(help: "Apply all lines or none: the first failing line rolls the whole batch back.")
        var atomic = false

        @OptionGroup var options: EventOutputOptions

        func run() async throws {
            let input: InputChunks
            do {
                input = try InputChunks.open(file)
            } catch {
                TerminalOutput.error("error: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            let output = options.output
            let atomic = self.atomic
            let (total, failed) = try await options.withClient { opsline in
                try await ReaderDeparture.ending {
                    try await Self.post(input, atomic: atomic, with: opsline, output: output)
                }
            }
            guard failed == 0 else {
                if output != .table {
                    TerminalOutput.error("error: \(failed) of \(total) lines failed")
                }
                throw ExitCode(ExitStatus.failure)
            }
        }

        /// Posts the input and prints the results; returns how many lines there were and how
        /// many failed.
        private static func post(
            _ input: InputChunks, atomic: Bool, with opsline: OpslineClient,
            output: ClientOptions.OutputFormat
        ) async throws -> (total: Int, failed: Int) {
            let results = opsline.postEvents(body: input, atomic: atomic)
            switch output {
            case .ndjson, .name:
                var total = 0
                var failed = 0
                for try await result in results {
                    if output == .ndjson {
                        try TerminalOutput.print(result.text)
                    } else if let id = result.task?.id {
                        try TerminalOutput.print(id)
                    }
                    total += 1
                    if !result.succeeded { failed += 1 }
                }
                return (total, failed)
            case .json:
                let collected = try await results.collect()
                let values = try ClientOptions.parse(collected.map(\.text))
                try TerminalOutput.print(JSONValue.array(values).prettyText)
                return (collected.count, collected.filter { !$0.succeeded }.count)
            case .table:
                let collected = try await results.collect()
                try TerminalOutput.print(EventResultView.render(collected))
                return (collected.count, collected.filter { !$0.succeeded }.count)
            }
        }
    }
}

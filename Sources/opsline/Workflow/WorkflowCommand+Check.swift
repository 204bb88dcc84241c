import ArgumentParser
import OpslineClient
import Workflow

extension WorkflowCommand {
    /// `opsline workflow check FILE… [--calendars FILE]`: validates workflow files offline.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check workflow files offline, as the server would load them.",
            discussion: """
                Needs no server. Each FILE is a workflow file or a folder of them (its *.yaml and \
                *.yml files). The files are checked on their own and against each other: sound \
                state machines, known states, fields and roles, expressions that type-check, \
                unique names and keys, spawned workflows that exist, calendars that are defined. \
                Calendars come from --calendars, else a calendars.yaml among the files, else a \
                calendars.yaml next to them, and are checked in full (time zones, hours, \
                holidays, workdays); 24x7 always exists. The receivers that notify: may name \
                come from a receivers.yaml among the files, else one next to them; without one, \
                none is declared.

                Every problem is printed as file:line: message, one per line, and the exit code \
                is 1; with none, a short summary is printed and the exit code is 0. Run it in CI \
                on every change to the workflows folder. -o json prints one document \
                {"ok","workflows","calendars","problems":[{"file","line","message"}]}; -o ndjson \
                the same on one line; -o name the workflows' names, one a line.
                """)

        @Argument(help: ArgumentHelp("Workflow files or folders.", valueName: "file"))
        var paths: [String] = []

        @Option(help: ArgumentHelp("The calendars file (default: calendars.yaml beside the files).", valueName: "file"))
        var calendars: String?

        @Option(
            name: [.short, .long],
            help: "Output format: table, json, ndjson or name (the workflows' names, when all load).")
        var output: ClientOptions.OutputFormat = .table

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one workflow file or folder") }
        }

        func run() throws {
            var input = WorkflowFiles(paths)
            let calendarFiles: [WorkflowSourceFile]
            if let calendars {
                input.read(calendars)
                calendarFiles = input.files.filter { $0.path == calendars }
            } else {
                if input.calendarFiles.isEmpty, let beside = input.calendarsBesideFiles() { input.read(beside) }
                calendarFiles = input.calendarFiles
            }
            if input.receiverFiles.isEmpty, let beside = input.receiversBesideFiles() { input.read(beside) }
            // With --calendars, a calendars.yaml among the files is neither a workflow nor used.
            let workflowFiles = input.workflowFiles.filter { $0.path != calendars }
            let outcome = WorkflowCheckOutcome(
                workflows: workflowFiles, calendarFiles: calendarFiles, receiverFiles: input.receiverFiles,
                unreadable: input.unreadable)
            let text = outcome.render(output)
            if !(output == .name && text.isEmpty) { try TerminalOutput.print(text) }
            if !outcome.problems.isEmpty {
                // Names go to standard output; the problems must still be seen.
                if output == .name { TerminalOutput.error(outcome.render(.table)) }
                TerminalOutput.error(outcome.summary)
                throw ExitCode(ExitStatus.failure)
            }
        }
    }
}

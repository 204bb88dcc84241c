import ArgumentParser
import Foundation
import OpslineClient
import Workflow

extension SLACommand {
    /// `opsline sla due --calendar C [--from T] --duration D [--offline [--calendars FILE]]`
    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work out when an SLA clock started at --from with a --duration target is due.",
            discussion: """
                Durations are working time in the calendar: 4h under support-hours is four working \
                hours, skipping nights, weekends and holidays. Asks the server, or with --offline \
                reads the calendars file itself (no server, no token). -o name prints the \
                deadline alone, as RFC 3339 UTC.
                """)

        @Option(help: "The business calendar, such as support-hours or 24x7.")
        var calendar: String

        @Option(help: ArgumentHelp("When the clock starts, RFC 3339 (default: now).", valueName: "time"))
        var from: String?

        @Option(help: ArgumentHelp("The target: 45s, 30m, 4h, 1d4h.", valueName: "duration"))
        var duration: String

        @Flag(help: "Work it out locally from --calendars instead of asking the server.")
        var offline = false

        @Option(help: ArgumentHelp("The calendars file for --offline.", valueName: "file"))
        var calendars = "workflows/calendars.yaml"

        @OptionGroup var client: ClientOptions

        func validate() throws {
            _ = try DurationArgument.parse(duration, option: "--duration", examples: "45s, 30m, 4h or 1d4h")
            if let from { _ = try TimeArgument.parse(from, option: "--from") }
        }

        func run() async throws {
            guard offline else {
                return try await client.withClient { opsline in
                    let request = ClientRequest.calendarDue(calendar: calendar, from: from, duration: duration)
                    guard client.output == .table else {
                        return try await client.printLines(opsline.lines(request), asArray: false, name: "due_at")
                    }
                    try TerminalOutput.print(CalendarDueView.render(try await opsline.send(request)))
                }
            }
            let line = try localDue()
            switch client.output {
            case .table: try TerminalOutput.print(client.presenting { CalendarDueView.render(line) })
            case .json: try TerminalOutput.print(line.json.prettyText)
            case .ndjson: try TerminalOutput.print(line.json.compactText)
            case .name: try TerminalOutput.print(OutputName.of(line.json, at: "due_at") ?? "")
            }
        }

        /// The deadline from the calendars file; exits 4 for an unknown calendar, 1 for a file
        /// that cannot be read or does not load, or a deadline after the year 9999.
        private func localDue() throws -> CalendarDueLine {
            let source: String
            do {
                source = try String(contentsOfFile: calendars, encoding: .utf8)
            } catch {
                TerminalOutput.error("error: cannot read \(calendars): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.failure)
            }
            let book: [String: BusinessCalendar]
            do {
                book = try CalendarParser.parse(source, file: calendars)
            } catch {
                TerminalOutput.error("error: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            guard let calendar = book[calendar] else {
                let known = book.keys.sorted().joined(separator: ", ")
                TerminalOutput.error("error: no calendar \(self.calendar) in \(calendars) (it has \(known))")
                throw ExitCode(ExitStatus.notFound)
            }
            let start = try from.map { try TimeArgument.parse($0, option: "--from") } ?? Date()
            do throws(DeadlineError) {
                return try CalendarDueLine(calendar: calendar, from: start, duration: WorkDuration(parsing: duration)!)
            } catch {
                TerminalOutput.error(
                    "error: \(duration) of working time on calendar \(self.calendar) has no deadline: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
        }
    }
}

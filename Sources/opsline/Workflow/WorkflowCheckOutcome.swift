import OpslineClient
import Workflow

/// What `opsline workflow check` found: the workflows that load, or every problem.
struct WorkflowCheckOutcome {
    /// The workflows' names, when they all load and agree.
    let workflows: [String]
    /// The calendars they may name.
    let calendars: [String]
    /// Every problem, in file and line order.
    let problems: [WorkflowLoadError]

    /// Checks the files as one library, and each calendars file in full (hours, holidays,
    /// workdays), as the server does at start-up.
    init(
        workflows: [WorkflowSourceFile], calendarFiles: [WorkflowSourceFile], receiverFiles: [WorkflowSourceFile] = [],
        unreadable: [WorkflowLoadError]
    ) {
        var problems = unreadable
        for file in calendarFiles {
            do throws(CalendarLoadErrors) {
                _ = try CalendarParser.parse(file.text, file: file.path)
            } catch {
                problems += error.errors
            }
        }
        do throws(WorkflowLoadErrors) {
            let library = try WorkflowLibrary(
                workflows: workflows, calendarFiles: calendarFiles, receiverFiles: receiverFiles)
            self.workflows = library.workflows.map(\.name)
            self.calendars = library.calendars
        } catch {
            // The calendars files' problems are the full parser's, above.
            let calendarPaths = Set(calendarFiles.map(\.path))
            problems += error.errors.filter { !calendarPaths.contains($0.file) }
            self.workflows = []
            self.calendars = []
        }
        self.problems = WorkflowLoadErrors(problems).errors
    }

    /// `3 problems in 2 files`.
    var summary: String {
        let files = Set(problems.map(\.file)).count
        return "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
    }

    /// The outcome in `format`: `file:line: message` lines or an OK line for people, the names
    /// of the workflows that load for `name`, else one JSON document.
    func render(_ format: ClientOptions.OutputFormat) -> String {
        switch format {
        case .table:
            guard problems.isEmpty else { return problems.map(\.description).joined(separator: "\n") }
            let names = workflows.isEmpty ? "" : " (\(workflows.joined(separator: ", ")))"
            return "OK: \(workflows.count) workflow\(workflows.count == 1 ? "" : "s")\(names); "
                + "calendars: \(calendars.joined(separator: ", "))"
        case .json: return document.prettyText
        case .ndjson: return document.compactText
        case .name: return workflows.joined(separator: "\n")
        }
    }

    private var document: JSONValue {
        .object([
            "ok": .bool(problems.isEmpty),
            "workflows": .array(workflows.map(JSONValue.string)),
            "calendars": .array(calendars.map(JSONValue.string)),
            "problems": .array(
                problems.map {
                    .object(["file": .string($0.file), "line": .int(Int64($0.line)), "message": .string($0.message)])
                }),
        ])
    }
}

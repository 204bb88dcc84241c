/// The files of a folder, each read on its own: the workflows that parse, the calendar names, and
/// the problems found so far.
struct FolderReading {
    /// The workflows that parse, in order of their files' paths.
    private(set) var workflows: [LibraryCheck.Item] = []
    /// The defined calendars, or `nil` when `calendars.yaml` does not load.
    private(set) var calendars: Set<String>? = [CalendarNames.builtIn]
    /// Names declared by workflow files that do not load.
    private(set) var unparsedNames: Set<String> = []
    /// The problems of single files.
    private(set) var problems: [WorkflowLoadError] = []

    /// Reads every file, in order of their paths.
    init(_ files: [WorkflowSourceFile]) {
        for file in files.sorted(by: { $0.path < $1.path }) {
            if file.isCalendars { readCalendars(file) } else { readWorkflow(file) }
        }
    }

    private mutating func readCalendars(_ file: WorkflowSourceFile) {
        do throws(WorkflowLoadError) {
            calendars?.formUnion(try CalendarNames.read(file))
        } catch {
            problems.append(error)
            calendars = nil
        }
    }

    private mutating func readWorkflow(_ file: WorkflowSourceFile) {
        do throws(WorkflowLoadError) {
            workflows.append(LibraryCheck.Item(file: file, parsed: try WorkflowParser.read(file.text, file: file.path)))
        } catch {
            problems.append(error)
            if let name = Self.declaredName(in: file) { unparsedNames.insert(name) }
        }
    }

    /// The `workflow:` name of a file that does not load, when it can be read, so that other files
    /// naming it are not reported as well.
    private static func declaredName(in file: WorkflowSourceFile) -> String? {
        guard let root = try? YAMLDocument.compose(file.text, file: file.path).mapping(context: "") else {
            return nil
        }
        return root.value("workflow")?.node.scalar?.string
    }
}

/// The files of a folder, each read on its own: the workflows that parse, the calendar names, the
/// receivers, and the problems found so far.
struct FolderReading {
    /// The workflows that parse, in the order read (usually by their files' paths).
    private(set) var workflows: [LibraryCheck.Item] = []
    /// The defined calendars, or `nil` when `calendars.yaml` does not load.
    private(set) var calendars: Set<String>? = [CalendarNames.builtIn]
    /// The definitions of the calendars that load, by name, where they are known.
    private(set) var calendarDefinitions: [String: BusinessCalendar] = [:]
    /// The receivers `notify:` may name: those of `receivers.yaml` (none without one), or `nil`
    /// when it does not load (then names are not checked, rather than reported as undeclared).
    private(set) var receivers: Set<String>? = []
    /// The receivers declared, in file order.
    private(set) var receiverDeclarations: [Receiver] = []
    /// Names declared by workflow files that do not load.
    private(set) var unparsedNames: Set<String> = []
    /// The problems of single files.
    private(set) var problems: [WorkflowLoadError] = []

    /// Reads every file, in order of their paths.
    init(_ files: [WorkflowSourceFile]) {
        for file in files.sorted(by: { $0.path < $1.path }) {
            if file.isCalendars {
                readCalendars(file)
            } else if file.isReceivers {
                readReceivers(file)
            } else {
                readWorkflow(file)
            }
        }
    }

    /// Reads workflow files and calendar files kept apart, whatever the files are called.
    init(
        workflows: [WorkflowSourceFile], calendarFiles: [WorkflowSourceFile], receiverFiles: [WorkflowSourceFile] = []
    ) {
        for file in calendarFiles.sorted(by: { $0.path < $1.path }) { readCalendars(file) }
        for file in receiverFiles.sorted(by: { $0.path < $1.path }) { readReceivers(file) }
        for file in workflows.sorted(by: { $0.path < $1.path }) { readWorkflow(file) }
    }

    /// Reads workflow files only, in the order given (a name or key used twice is reported at the
    /// later file), with the calendar and receiver names given rather than read from a file.
    init(workflows files: [WorkflowSourceFile], calendars: some Sequence<String>, receivers: [String] = []) {
        self.calendars?.formUnion(calendars)
        self.receivers = Set(receivers)
        receiverDeclarations = receivers.map { Receiver(name: $0, description: "") }
        for file in files { readWorkflow(file) }
    }

    /// Reads workflow files only, as ``init(workflows:calendars:)-(_,Sequence<String>)`` does,
    /// with the calendars given.
    init(workflows files: [WorkflowSourceFile], calendars: [BusinessCalendar], receivers: [String] = []) {
        self.init(workflows: files, calendars: calendars.map(\.name), receivers: receivers)
        calendarDefinitions = Dictionary(calendars.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    private mutating func readCalendars(_ file: WorkflowSourceFile) {
        do throws(WorkflowLoadError) {
            calendars?.formUnion(try CalendarNames.read(file))
            // Problems with hours, holidays or workdays are the calendars parser's to report
            // (`workflow check`, the server's start-up); the calendars that load are kept.
            calendarDefinitions.merge(CalendarParser.read(file.text, file: file.path).0) { _, last in last }
        } catch {
            problems.append(error)
            calendars = nil
        }
    }

    private mutating func readReceivers(_ file: WorkflowSourceFile) {
        var found = LoadProblems()
        let declared = ReceiverFile.read(file, problems: &found)
        receiverDeclarations += declared
        receivers?.formUnion(declared.map(\.name))
        if found.count > 0 {
            problems += found.errors
            receivers = nil
        }
    }

    private mutating func readWorkflow(_ file: WorkflowSourceFile) {
        var found = LoadProblems()
        if let parsed = WorkflowParser.read(file.text, file: file.path, problems: &found) {
            workflows.append(LibraryCheck.Item(file: file, parsed: parsed))
        } else {
            problems += found.errors
            // Other files naming a workflow that does not load are not reported as well.
            if let name = file.declaredWorkflowName { unparsedNames.insert(name) }
        }
    }
}

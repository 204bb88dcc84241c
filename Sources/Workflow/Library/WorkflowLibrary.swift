/// Every workflow of a folder, loaded together and checked against each other.
///
/// Every file except `calendars.yaml` and `receivers.yaml` is a workflow. On top of what
/// ``WorkflowParser`` checks in each file, a library checks what files say about each other:
/// workflow names and task keys are unique, every `calendar:` (the workflow's and its SLAs') is
/// defined in `calendars.yaml` (or is the built-in `24x7`), every spawned child's `workflow:`
/// exists and its fields fit that workflow, every receiver a `notify:` names is declared in
/// `receivers.yaml` (``ReceiverFile``), no workflow spawns itself, directly or through others,
/// when a task is created, and, where the calendars are known in full, no SLA would always fall
/// due after the year 9999 (``DeadlineReachCheck``) and none writes days where it counts in office
/// hours (``DayDurationCheck``). Every problem in every file is reported, not just the first,
/// also within one file (see ``WorkflowParser``).
public struct WorkflowLibrary: Sendable {
    /// One loaded workflow and the file it came from.
    public struct Entry: Sendable {
        /// The file.
        public let file: WorkflowSourceFile
        /// The workflow it defines.
        public let definition: WorkflowDefinition
    }

    /// The workflows, in order of their files' paths (or in the order given to
    /// ``init(workflows:calendars:)``).
    public let entries: [Entry]
    /// The calendars workflows may name: the built-in `24x7` and those of `calendars.yaml`, sorted.
    public let calendars: [String]
    /// The receivers `notify:` may name, as `receivers.yaml` declares them (or as given), in file
    /// order.
    public let receivers: [Receiver]

    /// Loads and checks a set of files.
    /// - Parameter files: The folder's files, e.g. `workflows/*.yaml`; the one named
    ///   `calendars.yaml` defines calendars, `receivers.yaml` receivers, every other one a workflow.
    /// - Throws: Every problem found, each as `file:line: message`.
    public init(files: [WorkflowSourceFile]) throws(WorkflowLoadErrors) {
        try self.init(reading: FolderReading(files))
    }

    /// Loads and checks workflow files against calendars known by name, e.g. a workflow sent to
    /// the server checked together with the workflows already published there.
    /// - Parameters:
    ///   - workflows: The workflow files, in the order to read them: a workflow name or task key
    ///     used twice is reported at the later file. None is read as `calendars.yaml`, whatever
    ///     its name.
    ///   - calendars: The calendars workflows may name; the built-in `24x7` is always among them.
    ///   - receivers: The receivers `notify:` may name; none by default.
    /// - Throws: Every problem found, each as `file:line: message`.
    public init(
        workflows: [WorkflowSourceFile], calendars: some Sequence<String>, receivers: [String] = []
    ) throws(WorkflowLoadErrors) {
        try self.init(reading: FolderReading(workflows: workflows, calendars: calendars, receivers: receivers))
    }

    /// Loads and checks workflow files against calendars known in full, e.g. a workflow sent to
    /// the server checked against the server's calendars: on top of their names, a workflow's
    /// SLAs must be able to fall due on its calendar before the year 10000.
    /// - Parameters:
    ///   - workflows: The workflow files, in the order to read them.
    ///   - calendars: The calendars workflows may name; the built-in `24x7` is always among them.
    ///   - receivers: The receivers `notify:` may name; none by default.
    /// - Throws: Every problem found, each as `file:line: message`.
    public init(
        workflows: [WorkflowSourceFile], calendars: [BusinessCalendar], receivers: [String] = []
    ) throws(WorkflowLoadErrors) {
        try self.init(reading: FolderReading(workflows: workflows, calendars: calendars, receivers: receivers))
    }

    /// Loads and checks workflow files against calendar files, whatever their names, e.g. the
    /// files given to `opsline workflow check` with `--calendars`.
    /// - Parameters:
    ///   - workflows: The workflow files.
    ///   - calendarFiles: Files in the form of `calendars.yaml`; the calendars of all of them count,
    ///     and the built-in `24x7`.
    ///   - receiverFiles: Files in the form of `receivers.yaml`; the receivers of all of them count.
    /// - Throws: Every problem found, each as `file:line: message`.
    public init(
        workflows: [WorkflowSourceFile], calendarFiles: [WorkflowSourceFile], receiverFiles: [WorkflowSourceFile] = []
    ) throws(WorkflowLoadErrors) {
        try self.init(
            reading: FolderReading(workflows: workflows, calendarFiles: calendarFiles, receiverFiles: receiverFiles))
    }

    private init(reading: FolderReading) throws(WorkflowLoadErrors) {
        let problems = reading.problems + LibraryCheck(reading).problems()
        guard problems.isEmpty else { throw WorkflowLoadErrors(problems) }
        self.entries = reading.workflows.map { Entry(file: $0.file, definition: $0.parsed.definition) }
        self.calendars = (reading.calendars ?? []).sorted()
        self.receivers = reading.receiverDeclarations
    }

    /// The workflows, in order of their files' paths.
    public var workflows: [WorkflowDefinition] { entries.map(\.definition) }

    /// Looks up a workflow.
    /// - Parameter name: The workflow's name.
    /// - Returns: The workflow, or `nil` when the folder has none of that name.
    public func workflow(named name: String) -> WorkflowDefinition? {
        entries.first { $0.definition.name == name }?.definition
    }
}

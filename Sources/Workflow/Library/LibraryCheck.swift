import Foundation

/// The checks across the files of a folder: unique names and keys, known calendars, spawns, SLA
/// durations that fit their calendars, and declared receivers.
struct LibraryCheck {
    /// One workflow that parsed, and its file.
    struct Item {
        /// The file.
        let file: WorkflowSourceFile
        /// The workflow and its references.
        let parsed: ParsedWorkflow

        var name: String { parsed.definition.name }

        /// The calendars a policy's clocks may count in, each once, with the line that names it:
        /// those its `calendar:` names, and the workflow's when some tasks take that one (a
        /// workflow naming none counts in the built-in `24x7`, at no line).
        func calendars(of references: SLAReferences) -> [NameAt] {
            var names = references.calendars
            if references.usesWorkflowCalendar, let workflowCalendar = parsed.header.calendar {
                names.append(workflowCalendar)
            }
            var seen: Set<String> = []
            return names.filter { seen.insert($0.name).inserted }
        }
    }

    /// The workflows that parsed, in file order.
    let workflows: [Item]
    /// The defined calendars, or `nil` when `calendars.yaml` does not load (then calendars are not
    /// checked, rather than reported as unknown).
    let calendars: Set<String>?
    /// The receivers `notify:` may name, or `nil` when `receivers.yaml` does not load (then names
    /// are not checked).
    let receivers: Set<String>?
    /// Names declared by files that do not load: spawning them is not reported again.
    let unparsedNames: Set<String>
    /// The calendars whose definitions are known, by name.
    let calendarDefinitions: [String: BusinessCalendar]

    /// Checks what a folder's files say about each other.
    init(_ reading: FolderReading) {
        workflows = reading.workflows
        calendars = reading.calendars
        receivers = reading.receivers
        unparsedNames = reading.unparsedNames
        calendarDefinitions = reading.calendarDefinitions
    }

    /// Every problem, in file order.
    /// - Parameter now: When SLA clocks start at the earliest (``DeadlineReachCheck``).
    func problems(now: Date = Date()) -> [WorkflowLoadError] {
        let (unique, duplicates) = uniqueNames()
        let reach = DeadlineReachCheck(calendars: calendarDefinitions, now: now)
        let days = DayDurationCheck(calendars: calendarDefinitions)
        return duplicates + duplicateKeys(among: unique) + unknownCalendars() + undeclaredReceivers()
            + SpawnCheck(workflows: unique, unparsedNames: unparsedNames).problems()
            + RollupCheck(workflows: unique, unparsedNames: unparsedNames).problems()
            + LookupCheck(workflows: unique, unparsedNames: unparsedNames).problems()
            + workflows.flatMap(reach.problems(of:)) + workflows.flatMap(days.problems(of:))
    }

    /// The first workflow of each name, and an error for each later one.
    private func uniqueNames() -> ([Item], [WorkflowLoadError]) {
        var first: [String: Item] = [:]
        var unique: [Item] = []
        var problems: [WorkflowLoadError] = []
        for item in workflows {
            if let earlier = first[item.name] {
                problems.append(
                    WorkflowLoadError(
                        file: item.file.path, line: item.parsed.header.name.line,
                        message: "workflow '\(item.name)' is already defined in "
                            + "\(earlier.file.path):\(earlier.parsed.header.name.line)"))
            } else {
                first[item.name] = item
                unique.append(item)
            }
        }
        return (unique, problems)
    }

    private func duplicateKeys(among workflows: [Item]) -> [WorkflowLoadError] {
        var first: [String: Item] = [:]
        var problems: [WorkflowLoadError] = []
        for item in workflows {
            let key = item.parsed.header.key
            if let earlier = first[key.name] {
                problems.append(
                    WorkflowLoadError(
                        file: item.file.path, line: key.line,
                        message: "key '\(key.name)' is already used by workflow '\(earlier.name)' "
                            + "(\(earlier.file.path):\(earlier.parsed.header.key.line)); task ids must not clash"))
            } else {
                first[key.name] = item
            }
        }
        return problems
    }

    /// Every receiver a `notify:` names that `receivers.yaml` does not declare, at its line.
    private func undeclaredReceivers() -> [WorkflowLoadError] {
        guard let receivers else { return [] }
        let known = receivers.isEmpty ? "it declares none" : "declared: " + receivers.sorted().joined(separator: ", ")
        return workflows.flatMap { item in
            item.parsed.receivers.filter { !receivers.contains($0.name.name) }.map { use in
                let hint = NameSuggestion.closest(to: use.name.name, among: receivers).map { "did you mean '\($0)'? " }
                return WorkflowLoadError(
                    file: item.file.path, line: use.name.line,
                    message: "\(use.place) notifies '\(use.name.name)', which \(ReceiverFile.name) does not declare "
                        + "(\(hint ?? "")\(known)); add it there with a line saying who it reaches")
            }
        }
    }

    /// Every calendar a workflow names, at its `calendar:` or an SLA's, that is not defined.
    private func unknownCalendars() -> [WorkflowLoadError] {
        guard let calendars else { return [] }
        let known = calendars.sorted().joined(separator: ", ")
        return workflows.flatMap { item in
            let named =
                [item.parsed.header.calendar].compactMap { $0 } + item.parsed.slaReferences.flatMap(\.calendars)
                + item.parsed.scheduleCalendars
            return named.filter { !calendars.contains($0.name) }.map { calendar in
                WorkflowLoadError(
                    file: item.file.path, line: calendar.line,
                    message: "calendar '\(calendar.name)' is not defined in calendars.yaml (known: \(known))")
            }
        }
    }
}

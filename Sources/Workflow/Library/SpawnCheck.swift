/// Checks spawned children across files: the child workflow exists, the spawn's fields fit it,
/// and creating a task never leads, through spawns in initial states, back to its own workflow.
struct SpawnCheck {
    /// The workflows, one per name, in file order.
    let workflows: [LibraryCheck.Item]
    /// Names declared by files that do not load.
    let unparsedNames: Set<String>

    /// Every problem, in file order.
    func problems() -> [WorkflowLoadError] {
        var problems: [WorkflowLoadError] = []
        for item in workflows {
            for site in item.parsed.spawns {
                problems += check(site, in: item)
            }
        }
        return problems + creationCycles()
    }

    private func workflow(named name: String) -> LibraryCheck.Item? {
        workflows.first { $0.name == name }
    }

    private func check(_ site: SpawnSite, in item: LibraryCheck.Item) -> [WorkflowLoadError] {
        let childName = site.child.workflow
        guard let child = workflow(named: childName) else {
            guard !unparsedNames.contains(childName) else { return [] }
            return [
                WorkflowLoadError(
                    file: item.file.path, line: site.workflowLine,
                    message: "state '\(site.state)' spawns unknown workflow '\(childName)'")
            ]
        }
        let dateProblems = checkDates(site, parent: item, child: child)
        // A date the parent gives stands in for the field's value: a required one is given.
        let placeholders = site.child.dates.filter { child.parsed.definition.field(named: $0.key)?.type == .date }
            .mapValues { _ in JSONValue.string("2000-01-03") }
        do throws(RuleViolation) {
            _ = try child.parsed.definition.prepareNewTask(fields: site.child.fields.merging(placeholders) { $1 })
            return dateProblems
        } catch {
            guard case .invalidFields(let fieldProblems) = error else { return [] }
            return dateProblems
                + fieldProblems.map { problem in
                    WorkflowLoadError(
                        file: item.file.path, line: site.fieldLines[problem.field] ?? site.line,
                        message: "state '\(site.state)' spawns '\(childName)' with field '\(problem.field)': "
                            + problem.problem)
                }
        }
    }

    /// Each of a spawn's `dates:` sets a date field of the child from a date field of the parent.
    private func checkDates(
        _ site: SpawnSite, parent: LibraryCheck.Item, child: LibraryCheck.Item
    ) -> [WorkflowLoadError] {
        site.child.dates.sorted { $0.key < $1.key }.compactMap { field, rule in
            let place = "state '\(site.state)' spawns '\(child.name)' with date '\(field)'"
            let problem: String? =
                if child.parsed.definition.field(named: field)?.type != .date {
                    "\(place): '\(child.name)' has no date field '\(field)'"
                } else if parent.parsed.definition.field(named: rule.field)?.type != .date {
                    "\(place) from '\(rule.field)', which is not a date field of '\(parent.name)'"
                } else {
                    nil
                }
            return problem.map {
                WorkflowLoadError(file: parent.file.path, line: site.dateLines[field] ?? site.line, message: $0)
            }
        }
    }

    /// Spawns in initial states that lead back to their own workflow: creating one task would
    /// create tasks without end. Each cycle is reported once, at its first spawn in file order.
    private func creationCycles() -> [WorkflowLoadError] {
        var reported: [Set<String>] = []
        var problems: [WorkflowLoadError] = []
        for item in workflows {
            for site in creationSpawns(of: item) {
                guard let path = path(from: site.child.workflow, to: item.name) else { continue }
                let members = Set(path)
                guard !reported.contains(members) else { continue }
                reported.append(members)
                let chain = ([item.name] + path).joined(separator: " → ")
                problems.append(
                    WorkflowLoadError(
                        file: item.file.path, line: site.workflowLine,
                        message: "state '\(site.state)' spawns '\(site.child.workflow)' when a task is created, "
                            + "which spawns '\(item.name)' again (\(chain)); tasks would be created without end"))
            }
        }
        return problems
    }

    /// The spawns that run when a task of the workflow is created: those of its initial state.
    private func creationSpawns(of item: LibraryCheck.Item) -> [SpawnSite] {
        let initial = item.parsed.definition.initialState.name
        return item.parsed.spawns.filter { $0.state == initial }
    }

    /// The workflows from `start` to `goal` along creation spawns, both included, or `nil`.
    private func path(from start: String, to goal: String) -> [String]? {
        var previous: [String: String] = [:]
        var pending = [start]
        var seen: Set<String> = [start]
        while !pending.isEmpty {
            let name = pending.removeFirst()
            if name == goal { return trace(to: goal, from: start, previous: previous) }
            guard let item = workflow(named: name) else { continue }
            for site in creationSpawns(of: item) where seen.insert(site.child.workflow).inserted {
                previous[site.child.workflow] = name
                pending.append(site.child.workflow)
            }
        }
        return nil
    }

    private func trace(to goal: String, from start: String, previous: [String: String]) -> [String] {
        var path = [goal]
        while let last = path.last, last != start, let before = previous[last] { path.append(before) }
        return path.reversed()
    }
}

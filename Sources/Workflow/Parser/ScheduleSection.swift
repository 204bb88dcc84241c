import Foundation

/// Reads `schedules:`: tasks the workflow creates by itself on a calendar.
///
/// ```yaml
/// schedules:
///   weekly-scan:
///     every: monday 09:00          # or cron: "0 9 * * 1"
///     calendar: marketing-hours    # optional: the workflow's, else 24x7 (UTC)
///     skip_holidays: true          # optional: no task on a day the calendar has no hours
///     title: "Competitor scan {date}"
///     team: marketing              # optional: the workflow's
///     fields: {channel: web}       # optional
/// ```
struct ScheduleSection {
    /// A schedule with the lines its fields and calendar were written on.
    struct Site {
        let schedule: WorkflowSchedule
        /// The schedule's own `calendar:`, when it names one.
        let calendar: NameAt?
        let fieldLines: [String: Int]
        let line: Int
    }

    /// The workflow's fields, to read field values with their types.
    let fields: Declared<FieldDefinition>
    /// The workflow's `calendar:`, the default.
    let workflowCalendar: String?

    private static let keys = ["every", "cron", "calendar", "skip_holidays", "title", "team", "fields"]

    /// Reads the section, each schedule on its own; a workflow without one schedules nothing.
    func read(_ node: SourceNode?, problems: inout LoadProblems) -> [Site] {
        guard let node, !node.isNull,
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in try node.mapping(context: "schedules") })
        else { return [] }
        return mapping.namedValues(label: { "schedule '\($0)'" }).compactMap { name, value in
            problems.attempt { () throws(WorkflowLoadError) in try parse(name, value) }
        }
    }

    private func parse(_ name: NameAt, _ node: SourceNode) throws(WorkflowLoadError) -> Site {
        guard NameRules.isWorkflowName(name.name) else {
            throw node.error("schedule name '\(name.name)' must use only a-z, 0-9 and '-'")
        }
        let mapping = try node.mapping(context: node.label)
        try mapping.allowOnly(Self.keys)
        let (recurrence, cron) = try when(mapping, node: node)
        var calendar: NameAt?
        if let node = mapping.value("calendar") { calendar = NameAt(name: try node.string(), line: node.line) }
        let schedule = WorkflowSchedule(
            name: name.name, recurrence: recurrence, cron: cron,
            calendar: calendar?.name ?? workflowCalendar ?? BusinessCalendar.twentyFourSeven.name,
            skipsDaysOff: try mapping.value("skip_holidays")?.bool() ?? false,
            title: try mapping.require("title").string(), team: try mapping.value("team")?.string(),
            fields: try values(mapping).fields)
        return Site(
            schedule: schedule, calendar: calendar, fieldLines: try values(mapping).lines, line: name.line)
    }

    private func when(
        _ mapping: SourceMapping, node: SourceNode
    ) throws(WorkflowLoadError) -> (WorkflowSchedule.Recurrence, CronExpression) {
        switch (mapping.value("every"), mapping.value("cron")) {
        case (let every?, nil):
            let phrase = try every.string()
            guard let fields = EveryPhrase.cron(phrase), let cron = try? CronExpression(parsing: fields) else {
                throw every.error("\(node.label): every '\(phrase)' does not read; write \(EveryPhrase.forms)")
            }
            return (.every(phrase), try firing(cron, node: every, context: node.label))
        case (nil, let cronNode?):
            let text = try cronNode.string()
            let cron: CronExpression
            do throws(CronExpressionError) {
                cron = try CronExpression(parsing: text)
            } catch {
                throw cronNode.error("\(node.label): \(error)")
            }
            return (.cron(text), try firing(cron, node: cronNode, context: node.label))
        default:
            throw node.error("\(node.label) needs one of 'every' or 'cron'")
        }
    }

    /// Refuses a cron expression that matches no real date (`0 9 30 feb *`).
    private func firing(
        _ cron: CronExpression, node: SourceNode, context: String
    ) throws(WorkflowLoadError) -> CronExpression {
        let probe = WorkflowSchedule(
            name: "", recurrence: .cron(""), cron: cron, calendar: "", skipsDaysOff: false, title: "")
        guard probe.nextOccurrence(after: Date(timeIntervalSince1970: 0), in: .twentyFourSeven) != nil else {
            throw node.error("\(context) never fires: no date matches its days and months")
        }
        return cron
    }

    private func values(
        _ mapping: SourceMapping
    ) throws(WorkflowLoadError) -> (fields: [String: JSONValue], lines: [String: Int]) {
        guard let node = mapping.value("fields") else { return ([:], [:]) }
        var result: ([String: JSONValue], [String: Int]) = ([:], [:])
        for entry in try node.mapping(context: "\(mapping.context) fields", allowingNull: true).entries {
            result.0[entry.key] = YAMLValue.json(entry.value, as: fields.named(entry.key)?.type)
            result.1[entry.key] = entry.keyLine
        }
        return result
    }
}

extension ScheduleSection.Site {
    /// Reports each field value that the workflow's fields refuse, at its line.
    func checkFields(of definition: WorkflowDefinition, file: String, problems: inout LoadProblems) {
        do throws(RuleViolation) {
            _ = try definition.prepareNewTask(fields: schedule.fields)
        } catch {
            guard case .invalidFields(let fieldProblems) = error else { return }
            for problem in fieldProblems {
                problems.report(
                    WorkflowLoadError(
                        file: file, line: fieldLines[problem.field] ?? line,
                        message: "schedule '\(schedule.name)' creates tasks with field '\(problem.field)': "
                            + problem.problem))
            }
        }
    }
}

/// Loads the business calendars file, `workflows/calendars.yaml`, into ``BusinessCalendar``s.
///
/// ```yaml
/// support-hours:                    # the calendar's name, [a-z0-9-]+
///   timezone: Asia/Shanghai         # required, an IANA time zone
///   hours:                          # required; days without a key do not work
///     mon-fri: "09:00-18:00"        # a day (mon…sun) or a range of days, wrapping: sat-sun, fri-mon
///     sat: ["10:00-12:00", "13:00-16:00"]   # one range or a list (a lunch break); 24:00 may end one
///   holidays: [2026-10-01, 2026-10-02]      # optional: dates without working time
///   workdays:                       # optional: make-up working days (调休)
///     - 2026-10-11                  # works the standard hours: Monday's (else the first day's)
///     - {date: 2026-09-27, hours: "09:00-12:00"}   # works these hours instead of its weekday's
/// ```
///
/// A day may get hours from one key only, ranges within a day must not overlap, a date may not be
/// both a holiday and a workday nor be listed twice, and unknown keys are refused. Times are the
/// wall clock of the time zone, also on days the clocks change (see ``BusinessCalendar``).
///
/// The built-in ``BusinessCalendar/twentyFourSeven`` (`24x7`) is always in the result. The file may
/// define `24x7` itself, and then its definition is the one used (the sample file spells out the
/// built-in); a file with no calendars at all (only comments) yields just the built-in.
public enum CalendarParser {
    /// Parses and validates a calendars file.
    /// - Parameters:
    ///   - source: The file's contents.
    ///   - file: The file's path, used in error messages only.
    /// - Returns: The calendars by name, including `24x7`.
    /// - Throws: Every problem found, each with its line.
    public static func parse(
        _ source: String, file: String
    ) throws(CalendarLoadErrors)
        -> [String: BusinessCalendar]
    {
        let (calendars, problems) = read(source, file: file)
        guard problems.isEmpty else { throw CalendarLoadErrors(problems) }
        return calendars
    }

    /// Reads a calendars file, keeping the calendars that are valid and every problem found.
    /// - Returns: The valid calendars by name (with `24x7` unless the file's own is invalid) and
    ///   the problems, in the order found.
    static func read(_ source: String, file: String) -> ([String: BusinessCalendar], [WorkflowLoadError]) {
        var calendars = [BusinessCalendar.twentyFourSeven.name: BusinessCalendar.twentyFourSeven]
        guard !isEmptyDocument(source) else { return (calendars, []) }
        var problems = LoadProblems()
        var root: SourceMapping?
        if let document = YAMLDocument.compose(source, file: file, problems: &problems) {
            let labelled = SourceNode(node: document.node, line: document.line, label: "the calendars file", file: file)
            root = problems.attempt { () throws(WorkflowLoadError) in try labelled.mapping(context: "") }
        }
        for (name, value) in root?.namedValues(label: { "calendar '\($0)'" }) ?? [] {
            guard NameRules.isWorkflowName(name.name) else {
                problems.report(
                    WorkflowLoadError(
                        file: file, line: name.line,
                        message: "calendar name '\(name.name)' must use only a-z, 0-9 and '-'"))
                continue
            }
            if let calendar = CalendarReader(name: name.name).read(value, problems: &problems) {
                calendars[name.name] = calendar
            } else {
                calendars[name.name] = nil
            }
        }
        return (calendars, problems.errors)
    }

    /// Whether the source holds no YAML document (empty, or only comments). A source beyond
    /// ``YAMLBounds`` is not empty: composing it reports why it is refused.
    private static func isEmptyDocument(_ source: String) -> Bool {
        (try? YAMLBounds.check(source)) == true
    }
}

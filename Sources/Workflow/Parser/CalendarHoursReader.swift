/// Reads a calendar's `hours:` mapping, `{mon-fri: "09:00-18:00", sat: ["10:00-12:00", "13:00-16:00"]}`,
/// and the hours of a make-up workday.
struct CalendarHoursReader {
    /// How messages name the calendar, e.g. `calendar 'support-hours'`.
    let context: String

    /// Reads the mapping, reporting each problem and going on with the next key.
    /// - Returns: The hours of each day that has some, or `nil` when `hours:` is not a mapping.
    func read(_ node: SourceNode, problems: inout LoadProblems) -> [Weekday: [WorkingPeriod]]? {
        guard
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in
                try node.mapping(context: "\(context) hours", allowingNull: true)
            })
        else { return nil }
        guard !mapping.entries.isEmpty else {
            problems.report(node.error("\(context) has no working hours (give hours such as mon-fri: \"09:00-18:00\")"))
            return nil
        }
        var hours: [Weekday: [WorkingPeriod]] = [:]
        var keyOfDay: [Weekday: NameAt] = [:]
        for (key, value) in mapping.namedValues(label: { "'\($0)'" }) {
            let days = problems.attempt { () throws(WorkflowLoadError) in try self.days(key, file: node.file) }
            let periods = problems.attempt { () throws(WorkflowLoadError) in
                try self.periods(value, key: "hours '\(key.name)'")
            }
            for day in days ?? [] {
                if let earlier = keyOfDay[day] {
                    problems.report(
                        WorkflowLoadError(
                            file: node.file, line: key.line,
                            message:
                                "\(context) hours: \(day) already has hours from '\(earlier.name)' (line \(earlier.line))"
                        ))
                    continue
                }
                keyOfDay[day] = key
                hours[day] = periods
            }
        }
        return hours
    }

    /// The days a key names: `mon`, or a range such as `mon-fri` or `sat-sun` that may wrap past Sunday.
    private func days(_ key: NameAt, file: String) throws(WorkflowLoadError) -> [Weekday] {
        let parts = key.name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let days = parts.compactMap(Weekday.init(abbreviation:))
        guard (1...2).contains(parts.count), days.count == parts.count else {
            throw WorkflowLoadError(
                file: file, line: key.line,
                message: "\(context) hours: unknown day '\(key.name)' (use mon, tue, wed, thu, fri, sat, sun "
                    + "or a range such as mon-fri)")
        }
        guard days.count == 1 || days[0] != days[1] else {
            throw WorkflowLoadError(
                file: file, line: key.line,
                message: "\(context) hours: '\(key.name)' names one day; write '\(days[0])'")
        }
        return days.count == 1 ? days : days[0].through(days[1])
    }

    /// One range, `"09:00-18:00"`, or a non-empty list of ranges that do not overlap.
    /// - Parameters:
    ///   - node: The value.
    ///   - key: How messages name the value, e.g. `hours 'mon-fri'`.
    /// - Returns: The periods in order.
    func periods(_ node: SourceNode, key: String) throws(WorkflowLoadError) -> [WorkingPeriod] {
        let items = if case .sequence = node.node { try node.sequence(of: "ranges") } else { [node] }
        guard !items.isEmpty else {
            throw node.error("\(context) \(key): give at least one range such as \"09:00-18:00\"")
        }
        var periods: [Located<WorkingPeriod>] = []
        for item in items {
            periods.append(Located(value: try period(item, key: key), line: item.line))
        }
        try checkNoOverlap(periods, key: key, file: node.file)
        return periods.map(\.value).sorted()
    }

    private func period(_ node: SourceNode, key: String) throws(WorkflowLoadError) -> WorkingPeriod {
        guard case .scalar(let scalar) = node.node else {
            throw node.error("\(context) \(key): a range must be text such as \"09:00-18:00\", not a collection")
        }
        let text = scalar.string
        let times = text.split(separator: "-", omittingEmptySubsequences: false).map(WorkingPeriod.minutes(parsing:))
        guard times.count == 2, let start = times[0], let end = times[1] else {
            throw node.error("\(context) \(key): invalid range '\(text)' (use HH:MM-HH:MM, e.g. 09:00-18:00)")
        }
        guard let period = WorkingPeriod(start: start, end: end) else {
            throw node.error("\(context) \(key): range '\(text)' must start before it ends")
        }
        return period
    }

    private func checkNoOverlap(
        _ periods: [Located<WorkingPeriod>], key: String, file: String
    ) throws(WorkflowLoadError) {
        let sorted = periods.sorted { $0.value < $1.value }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) where later.value.start < earlier.value.end {
            // Point at whichever of the two comes later in the file.
            throw WorkflowLoadError(
                file: file, line: max(earlier.line, later.line),
                message: "\(context) \(key): ranges '\(earlier.value)' and '\(later.value)' overlap")
        }
    }
}

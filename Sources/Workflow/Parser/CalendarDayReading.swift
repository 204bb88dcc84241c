extension SourceNode {
    /// A `YYYY-MM-DD` date in a calendar, e.g. a holiday.
    /// - Parameters:
    ///   - context: How messages name the calendar, e.g. `calendar 'support-hours'`.
    ///   - kind: What the date is, e.g. `holiday`.
    func calendarDay(context: String, kind: String) throws(WorkflowLoadError) -> CalendarDay {
        let text = node.scalar?.string ?? ""
        guard case .scalar = node, let day = CalendarDay(parsing: text) else {
            let shown = node.scalar == nil ? "a collection" : "'\(text)'"
            throw error("\(context): \(kind) \(shown) is not a date (use YYYY-MM-DD, e.g. 2026-10-01)")
        }
        return day
    }
}

/// One of the five fields of a ``CronExpression``: its bounds and the names it accepts.
enum CronField {
    case minute, hour, dayOfMonth, month, dayOfWeek

    var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    var bounds: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// Names written for numbers, lowercase: `jan` is 1, `sun` is 0.
    private var names: [String: Int] {
        switch self {
        case .month:
            let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            return Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0 + 1) })
        case .dayOfWeek:
            let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
            return Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        default:
            return [:]
        }
    }

    /// The values a field's text stands for.
    func values(_ text: String) throws(CronExpressionError) -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let range = self.range(String(part)) else {
                throw .badField(field: name, text: text, bounds: "\(bounds.lowerBound)-\(bounds.upperBound)")
            }
            values.formUnion(range)
        }
        return values
    }

    /// `*`, `n`, `a-b`, each optionally followed by `/step`.
    private func range(_ part: String) -> StrideTo<Int>? {
        let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { return nil }
        var step = 1
        if pieces.count == 2 {
            guard let value = Int(pieces[1]), value > 0 else { return nil }
            step = value
        }
        let span: ClosedRange<Int>
        if pieces[0] == "*" {
            span = bounds
        } else {
            let ends = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2, let low = number(ends[0]), let high = ends.count == 2 ? number(ends[1]) : low,
                low <= high
            else { return nil }
            // `5/15` means from 5 to the end in steps of 15, as in most crons.
            span = low...(pieces.count == 2 && ends.count == 1 ? bounds.upperBound : high)
        }
        return stride(from: span.lowerBound, to: span.upperBound + 1, by: step)
    }

    private func number(_ text: Substring) -> Int? {
        let value = Int(text) ?? names[text.lowercased()]
        guard let value, bounds.contains(value) else { return nil }
        return value
    }
}

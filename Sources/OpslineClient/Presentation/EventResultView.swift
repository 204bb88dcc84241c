/// The `table` output of `POST /v1/events` results: LINE, STATUS, TASK/ERROR.
public enum EventResultView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("LINE", alignment: .right), .init("STATUS", alignment: .right),
        .init("TASK/ERROR", maximumWidth: 100),
    ])

    /// The table for `results` and a closing count, or a sentence saying there are none.
    public static func render(_ results: [EventResult]) -> String {
        guard !results.isEmpty else { return "No lines.\n" }
        return table.render(results.map(row)) + "\n" + summary(results)
    }

    /// One result's cells.
    public static func row(_ result: EventResult) -> [String] {
        [String(result.line), String(result.status), outcome(result)]
    }

    /// `CMP-42 investigating` for an applied line (with `(replayed)` for a repeated idempotency
    /// key), `code: message` for a refused one.
    public static func outcome(_ result: EventResult) -> String {
        if let error = result.error {
            return "\(error.code): \(error.message)"
        }
        guard let task = result.task else { return DisplayText.none }
        return "\(task.id) \(task.state)" + (result.replayed ? " (replayed)" : "")
    }

    /// `3 lines: 1 applied, 2 failed.`
    public static func summary(_ results: [EventResult]) -> String {
        let failed = results.filter { !$0.succeeded }.count
        let lines = results.count == 1 ? "1 line" : "\(results.count) lines"
        return "\(lines): \(results.count - failed) applied, \(failed) failed.\n"
    }
}

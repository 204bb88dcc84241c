import Foundation

/// The `table` output of `opsline report sla`: one column per grouping dimension, then TOTAL,
/// MET, BREACHED, RUNNING, COMPLIANCE, P50 and P90 (working time stopped clocks used).
public enum SLAReportView {
    /// The table for `lines` grouped by `by`, or a sentence saying there are no clocks.
    ///
    /// - Parameters:
    ///   - lines: The report's groups, in the server's order.
    ///   - by: The dimensions the report groups by, in order.
    public static func render(_ lines: [SLAReportLine], by: [String]) -> String {
        guard !lines.isEmpty else { return "No SLA clocks found.\n" }
        let numbers = ["TOTAL", "MET", "BREACHED", "RUNNING", "COMPLIANCE", "P50", "P90"]
        let table = TableRenderer(
            columns: by.map { TableRenderer.Column($0.uppercased()) }
                + numbers.map { TableRenderer.Column($0, alignment: .right) })
        return table.render(lines.map { row($0, by: by) })
    }

    /// One group's cells.
    public static func row(_ line: SLAReportLine, by: [String]) -> [String] {
        by.map { DisplayText.optional(line.value(of: $0)) } + [
            String(line.total), String(line.met), String(line.breached), String(line.running),
            percentage(line.compliance),
            line.p50Seconds.map { DisplayText.duration(seconds: $0) } ?? DisplayText.none,
            line.p90Seconds.map { DisplayText.duration(seconds: $0) } ?? DisplayText.none,
        ]
    }

    /// A ratio as a percentage with one decimal (`91.7%`), or ``DisplayText/none``.
    static func percentage(_ ratio: Double?) -> String {
        guard let ratio else { return DisplayText.none }
        return String(format: "%.1f%%", ratio * 100)
    }
}

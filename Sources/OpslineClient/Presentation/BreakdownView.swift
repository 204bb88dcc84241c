import Foundation
import Workflow

/// The `table` output of a breakdown report: a column per dimension, TASKS and OPEN, then the
/// average of each measure (`AVG satisfaction`).
public enum BreakdownView {
    /// The table, or a sentence saying no task matched.
    public static func render(_ lines: [JSONValue], by: [String], measures: [String]) -> String {
        guard !lines.isEmpty else { return "No tasks.\n" }
        let table = TableRenderer(
            columns: by.map { TableRenderer.Column($0.uppercased()) } + [
                .init("TASKS", alignment: .right), .init("OPEN", alignment: .right),
            ] + measures.map { TableRenderer.Column("AVG \($0)", alignment: .right) })
        return table.render(lines.map { row($0, by: by, measures: measures) })
    }

    static func row(_ line: JSONValue, by: [String], measures: [String]) -> [String] {
        let keys = by.map { line["group"]?[$0].map(cell) ?? "-" }
        let counts = [line["tasks"], line["open"]].map { $0.map(cell) ?? "0" }
        let averages = measures.map { name -> String in
            guard case .double(let average)? = line["measures"]?[name]?["avg"] else {
                return line["measures"]?[name]?["avg"].map(cell) ?? "-"
            }
            return String(format: "%.2f", average)
        }
        return keys + counts + averages
    }

    private static func cell(_ value: JSONValue) -> String {
        value == .null ? "-" : DisplayText.value(value)
    }
}

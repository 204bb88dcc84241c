import Foundation
import OpslineStore
import Workflow

/// The report part of the breakdown page: the table of groups and, by two dimensions, the grid.
struct BreakdownPageValues {
    let query: BreakdownQuery
    let definition: WorkflowDefinition
    let rows: [BreakdownRow]

    /// The measures a group shows, each a column.
    private static let statistics = ["avg", "min", "max", "sum"]

    var values: [String: Any] {
        var values: [String: Any] = [
            "workflowTitle": definition.title, "byText": query.by.map(\.name).joined(separator: " × "),
            "headers": query.by.map(\.name) + ["tasks", "open"]
                + query.measures.flatMap { measure in Self.statistics.map { "\(measure) \($0)" } },
            "groups": rows.map(group), "hasGroups": !rows.isEmpty,
        ]
        if let grid = BreakdownGrid(rows, by: query.by, definition: definition) { values["grid"] = gridValues(grid) }
        return values
    }

    /// One line of the table: its keys (linked to the queue of its tasks), counts and measures.
    private func group(_ row: BreakdownRow) -> [String: Any] {
        let keys = row.keys.map { $0 ?? "—" }
        let measures = query.measures.flatMap { measure in
            Self.statistics.map { Self.number(row.measures[measure]?[$0]) }
        }
        return [
            "keys": keys, "tasks": row.tasks, "open": row.open, "measures": measures,
            "href": queue(row.keys) ?? "", "linked": queue(row.keys) != nil,
        ]
    }

    private func gridValues(_ grid: BreakdownGrid) -> [String: Any] {
        let rows = grid.rows.map { row in
            [
                "label": row ?? "none",
                "cells": grid.columns.map { column in
                    let count = grid.counts[.init(row: row, column: column)] ?? 0
                    var cell: [String: Any] = [
                        "count": count, "heat": grid.heat(count),
                        "label": "\(query.by[0].name) \(row ?? "none"), \(query.by[1].name) \(column ?? "none"): "
                            + (count == 1 ? "1 task" : "\(count) tasks"),
                    ]
                    if count > 0, let href = queue([row, column]) { cell["href"] = href }
                    return cell
                },
            ] as [String: Any]
        }
        return [
            "rowName": query.by[0].name, "columnName": query.by[1].name,
            "columns": grid.columns.map { $0 ?? "none" }, "rows": rows,
        ]
    }

    /// The queue page of a group's tasks, the list's filters for each key; nil when a key has no
    /// value (a list cannot filter on a missing value).
    private func queue(_ keys: [String?]) -> String? {
        var pairs: [(String, String)] = []
        for (dimension, key) in zip(query.by, keys) {
            guard let key else { return nil }
            let name =
                switch dimension {
                case .field(let field): TaskFilter.fieldPrefix + field
                default: dimension.name
                }
            pairs.append((name, key))
        }
        if let team = query.team { pairs.append(("team", team)) }
        return "/ui/queues/" + QueueQuery.encoded(query.workflow) + "?"
            + pairs.map { QueueQuery.encoded($0.0) + "=" + QueueQuery.encoded($0.1) }.joined(separator: "&")
    }

    /// A measure as the table shows it: up to two decimals, "—" for none.
    private static func number(_ value: JSONValue?) -> String {
        switch value {
        case .int(let whole)?: String(whole)
        case .double(let number)?:
            number.rounded() == number ? String(Int64(number)) : String(format: "%.2f", number)
        default: "—"
        }
    }
}

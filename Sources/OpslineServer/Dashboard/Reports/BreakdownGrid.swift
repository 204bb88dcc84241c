import OpslineStore
import Workflow

/// A two-dimension breakdown drawn as a grid, a heat map: one row per value of the first
/// dimension, one column per value of the second, each cell the number of tasks with both (the
/// risk register's likelihood × impact). Pure: the rows of the report in, the cells out.
struct BreakdownGrid {
    /// One value along an axis: its text as the report keys it (nil: no value).
    typealias AxisValue = String?

    let rows: [AxisValue]
    let columns: [AxisValue]
    /// Tasks per (row, column).
    let counts: [Pair: Int]
    /// The largest count, the hottest cell.
    let largest: Int

    struct Pair: Hashable {
        let row: AxisValue
        let column: AxisValue
    }

    /// The grid of `report`, a breakdown by exactly two dimensions of `definition`'s tasks; nil for
    /// another number of dimensions.
    init?(_ report: [BreakdownRow], by dimensions: [BreakdownQuery.Dimension], definition: WorkflowDefinition) {
        guard dimensions.count == 2 else { return nil }
        var counts: [Pair: Int] = [:]
        for row in report { counts[Pair(row: row.keys[0], column: row.keys[1]), default: 0] += row.tasks }
        rows = Self.axis(dimensions[0], definition, present: report.map { $0.keys[0] }, descending: true)
        columns = Self.axis(dimensions[1], definition, present: report.map { $0.keys[1] }, descending: false)
        self.counts = counts
        largest = counts.values.max() ?? 0
    }

    /// How hot a cell is, 0 (no task) to 5 (the largest count): its stylesheet class `heat-N`.
    func heat(_ count: Int) -> Int {
        guard count > 0, largest > 0 else { return 0 }
        return min(5, max(1, Int((Double(count) * 5 / Double(largest)).rounded(.up))))
    }

    /// The values along a dimension's axis, in the order a reader expects: a bounded `int`
    /// field's whole range and an enum's or a bool's every value (so the grid keeps its shape
    /// when a cell is empty), numbers by value (the row axis from the largest, so that the high
    /// corner of a risk grid is at the top right), states in their declared order, anything else
    /// as text; no value last.
    static func axis(
        _ dimension: BreakdownQuery.Dimension, _ definition: WorkflowDefinition, present: [AxisValue], descending: Bool
    ) -> [AxisValue] {
        let given = Set(present.compactMap { $0 })
        var values: [String]
        switch dimension {
        case .state: values = definition.states.map(\.name)
        case .priority: values = definition.priority?.values ?? given.sorted()
        case .team, .assignee: values = given.sorted()
        case .field(let name):
            let field = definition.field(named: name)
            switch field?.type {
            case .int?:
                if let low = field?.min, let high = field?.max, high - low <= 12 {
                    values = (Int(low)...Int(high)).map(String.init)
                } else {
                    values = given.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
                }
                if descending { values.reverse() }
            case .decimal?:
                values = given.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
                if descending { values.reverse() }
            case .enumeration(let declared)?: values = declared
            case .bool?: values = ["false", "true"]
            default: values = given.sorted()
            }
        }
        values += given.subtracting(values).sorted()
        return values.map(Optional.some) + (present.contains(nil) ? [nil] : [])
    }
}

import Foundation

/// The overview's compliance chart, laid out by the server: per group (a team and a policy), two
/// horizontal bars, the share of clocks that kept their promise over the last 7 and the last
/// 30 days, on a 0–100 % scale with grid lines at 0, 50 and 100 %.
///
/// A pure value: the template draws it as an inline `<svg>` with presentation attributes only
/// (the Content-Security-Policy forbids `style`), every text through `{{ }}`, so it is escaped
/// like every other value. Colour is never the only signal: each bar is written out beside it
/// ("7 d 92 %"), a group without a met or breached clock says "no data", and ``summary`` says
/// it all in words for the `<desc>`.
struct ComplianceChart: Sendable, Hashable {
    /// One group's compliance: `met / (met + breached)`, 0…1, nil while neither happened.
    struct Group: Sendable, Hashable {
        let label: String
        let week: Double?
        let month: Double?
    }

    /// A bar and the text beside it.
    struct Bar: Sendable, Hashable {
        /// "7 d" or "30 d".
        let period: String
        let x: Double
        let y: Double
        /// 0 for a group without data (no bar is drawn then; the text says so).
        let width: Double
        let height: Double
        /// The bar's colour, by period.
        let fill: String
        /// "7 d 92.5 %" or "7 d no data".
        let text: String
        let textX: Double
        let textY: Double
        let hasData: Bool
    }

    /// One group: its label on the left, its two bars.
    struct Row: Sendable, Hashable {
        let label: String
        let labelY: Double
        let bars: [Bar]
    }

    /// A vertical grid line with its percentage at the top.
    struct GridLine: Sendable, Hashable {
        let x: Double
        let text: String
    }

    static let labelWidth = 200.0
    static let scaleWidth = 300.0
    static let textWidth = 110.0
    static let top = 22.0
    static let barHeight = 13.0
    static let rowHeight = 2 * barHeight + 14
    static let fills = ["#1f5fbf", "#7fa7e0"]
    static let periods = ["7 d", "30 d"]
    /// Labels longer than this many characters are cut with "…" (the table beside has them whole).
    static let labelLength = 30

    let rows: [Row]
    let gridLines: [GridLine]
    let width: Double
    let height: Double
    /// The chart in words, for `<desc>`: each group's figures.
    let summary: String

    /// The chart of `groups`, in their order.
    init(groups: [Group]) {
        let scaleX = Self.labelWidth
        var rows: [Row] = []
        var sentences: [String] = []
        for (index, group) in groups.enumerated() {
            let top = Self.top + Double(index) * Self.rowHeight
            let bars = zip(Self.periods.indices, [group.week, group.month]).map { period, value in
                let y = top + Double(period) * Self.barHeight
                let width = value.map { max(0, min(1, $0)) * Self.scaleWidth } ?? 0
                let figure = value.map(Self.percent) ?? "no data"
                return Bar(
                    period: Self.periods[period], x: scaleX, y: y, width: width, height: Self.barHeight - 2,
                    fill: Self.fills[period], text: "\(Self.periods[period]) \(figure)",
                    textX: scaleX + width + 6, textY: y + Self.barHeight - 3, hasData: value != nil)
            }
            rows.append(Row(label: Self.cut(group.label), labelY: top + Self.barHeight + 3, bars: bars))
            let week = group.week.map(Self.percent) ?? "no data"
            let month = group.month.map(Self.percent) ?? "no data"
            sentences.append("\(group.label): \(week) over 7 days, \(month) over 30 days.")
        }
        self.rows = rows
        self.gridLines = [0, 50, 100].map { GridLine(x: scaleX + Self.scaleWidth * Double($0) / 100, text: "\($0) %") }
        self.width = Self.labelWidth + Self.scaleWidth + Self.textWidth
        self.height = Self.top + Double(max(groups.count, 1)) * Self.rowHeight
        self.summary =
            sentences.isEmpty ? "No SLA clocks in the last 30 days." : sentences.joined(separator: " ")
    }

    /// `0.925` as `92.5 %`; whole percentages without a decimal (`100 %`).
    static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded()
        let text =
            tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
        return text + " %"
    }

    /// A coordinate with at most one decimal, as SVG reads it.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    private static func cut(_ label: String) -> String {
        label.count <= labelLength ? label : String(label.prefix(labelLength - 1)) + "…"
    }

    /// What the template reads: every coordinate as SVG text.
    var templateValues: [String: Any] {
        [
            "width": Self.number(width), "height": Self.number(height), "summary": summary,
            "gridBottom": Self.number(height),
            "grid": gridLines.map { ["x": Self.number($0.x), "text": $0.text] },
            "rows": rows.map { row in
                [
                    "label": row.label, "labelX": Self.number(Self.labelWidth - 8), "labelY": Self.number(row.labelY),
                    "bars": row.bars.map { bar in
                        [
                            "x": Self.number(bar.x), "y": Self.number(bar.y), "width": Self.number(bar.width),
                            "height": Self.number(bar.height), "fill": bar.fill, "text": bar.text,
                            "textX": Self.number(bar.textX), "textY": Self.number(bar.textY), "hasData": bar.hasData,
                            "period": bar.period,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
        ]
    }
}

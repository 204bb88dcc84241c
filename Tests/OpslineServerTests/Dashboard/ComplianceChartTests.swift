import Testing

@testable import OpslineServer

/// The overview's compliance chart: bars as long as the share met, figures written out, no bar
/// where there is nothing to measure.
@Suite struct ComplianceChartTests {
    @Test func barsAreAsLongAsTheShareMetAndSayItInText() {
        let chart = ComplianceChart(groups: [
            .init(label: "support · response", week: 0.5, month: 0.925),
            .init(label: "billing · resolution", week: nil, month: 1),
        ])
        #expect(chart.rows.count == 2)
        let first = chart.rows[0]
        #expect(first.label == "support · response")
        #expect(first.bars.map(\.width) == [ComplianceChart.scaleWidth * 0.5, ComplianceChart.scaleWidth * 0.925])
        #expect(first.bars.map(\.text) == ["7 d 50 %", "30 d 92.5 %"])
        #expect(first.bars.allSatisfy { $0.x == ComplianceChart.labelWidth })
        #expect(first.bars[1].y == first.bars[0].y + ComplianceChart.barHeight, "the month under the week")
        let second = chart.rows[1]
        #expect(second.bars[0].hasData == false && second.bars[0].width == 0)
        #expect(second.bars[0].text == "7 d no data")
        #expect(second.bars[1].text == "30 d 100 %")
        #expect(second.bars[0].y == first.bars[0].y + ComplianceChart.rowHeight)
        #expect(chart.gridLines.map(\.text) == ["0 %", "50 %", "100 %"])
        #expect(chart.gridLines.last?.x == ComplianceChart.labelWidth + ComplianceChart.scaleWidth)
        #expect(
            chart.summary
                == "support · response: 50 % over 7 days, 92.5 % over 30 days. "
                + "billing · resolution: no data over 7 days, 100 % over 30 days.")
        #expect(chart.height == ComplianceChart.top + 2 * ComplianceChart.rowHeight)
        #expect(chart.width == ComplianceChart.labelWidth + ComplianceChart.scaleWidth + ComplianceChart.textWidth)
    }

    @Test func longLabelsAreCutAndFiguresStayInRange() {
        let long = String(repeating: "客服", count: 30)
        let chart = ComplianceChart(groups: [.init(label: long, week: 1.5, month: -0.2)])
        #expect(chart.rows[0].label.count == ComplianceChart.labelLength)
        #expect(chart.rows[0].label.hasSuffix("…"))
        #expect(chart.rows[0].bars.map(\.width) == [ComplianceChart.scaleWidth, 0])
        #expect(chart.summary.contains(long), "the description keeps the whole label")
    }

    @Test func noGroupsIsAnEmptyChartThatSaysSo() {
        let chart = ComplianceChart(groups: [])
        #expect(chart.rows.isEmpty)
        #expect(chart.summary == "No SLA clocks in the last 30 days.")
        let values = chart.templateValues
        #expect(values["width"] as? String == "610")
    }

    @Test func percentagesKeepOneDecimal() {
        #expect(ComplianceChart.percent(0.4) == "40 %")
        #expect(ComplianceChart.percent(0.3333) == "33.3 %")
        #expect(ComplianceChart.percent(1) == "100 %")
        #expect(ComplianceChart.percent(0) == "0 %")
    }
}

import Foundation
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// `/ui/reports/breakdown`: the breakdown report of `GET /v1/reports/breakdown` for the signed-in
/// caller, as a table and, by two dimensions, a heat map whose cells open the queue of their tasks.
@Suite struct BreakdownPageTests {
    static func risk(_ likelihood: Int, _ impact: Int) -> String {
        #"{"workflow":"risk-review","title":"R","fields":{"risk":"r","category":"supply","likelihood":\#(likelihood),"impact":\#(impact)}}"#
    }

    @Test func theRiskRegistersHeatMapCountsEachCellAndOpensItsTasks() async throws {
        let server = try await TestServer.make()
        try await server.addTeams("risk")
        try await server.addUser("he", ["risk": .manager])
        try await server.addUser("ned", ["support": .member])
        try await server.run { api in
            for (likelihood, impact) in [(4, 5), (4, 5), (1, 2)] {
                _ = try await api.create(Self.risk(likelihood, impact))
            }
            try await api.setPassword("he", "he's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "he", password: "he's password")
            let page = try await browser.get(
                "/ui/reports/breakdown?workflow=risk-review&by=likelihood%2Cimpact&measure=score")
            #expect(page.status == .ok)
            let map = try #require(page.section(#"data-testid="heatmap""#), "\(page.text)")
            // Every likelihood, 5 at the top, and every impact, 1 to 5: the grid keeps its shape.
            let rowLabels = map.matches(of: #/<tr><th scope="row">([^<]*)</th>/#).map { String($0.output.1) }
            #expect(rowLabels == ["5", "4", "3", "2", "1"])
            #expect(
                map.contains(
                    #"<th scope="col">1</th><th scope="col">2</th><th scope="col">3</th><th scope="col">4</th><th scope="col">5</th>"#
                ))
            let hot = try #require(
                map.firstMatch(of: #/<td class="heat-5" title="likelihood 4, impact 5: 2 tasks"><a href="([^"]*)"/#)
                    .map { String($0.output.1) }, "\(map)")
            #expect(hot == "/ui/queues/risk-review?field.likelihood=4&amp;field.impact=5")
            #expect(map.contains(#"<td class="heat-3" title="likelihood 1, impact 2: 1 task">"#))
            #expect(map.contains(#"<td class="heat-0" title="likelihood 5, impact 5: 0 tasks">0</td>"#))
            let queue = try await browser.get(hot.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(QueuePageTests.rows(queue).count == 2)

            // The table: the API's lines, most tasks first, with the score's statistics.
            let table = try #require(page.section(#"data-testid="breakdown""#))
            #expect(table.contains(#"<th scope="col">score avg</th>"#))
            let groups = table.matches(of: #/<tr data-testid="group">(.*?)</tr>/#).map { String($0.output.1) }
            #expect(groups.count == 2)
            #expect(groups.first?.hasPrefix("<td>4</td><td>5</td>") == true, "\(groups)")
            #expect(groups.first?.contains("<td>20</td><td>20</td><td>20</td><td>40</td>") == true, "\(groups)")

            // Another team's member sees none of the risk team's tasks, as in the API.
            try await api.setPassword("ned", "ned's password")
            var ned = PageClient(api)
            try await ned.signIn(user: "ned", password: "ned's password")
            let theirs = try await ned.get("/ui/reports/breakdown?workflow=risk-review&by=likelihood,impact")
            #expect(theirs.text.contains(#"data-testid="no-groups""#))
        }
    }

    @Test func theFormHintsWhatToGroupByAndABadDimensionIsA400Page() async throws {
        let server = try await TestServer.make()
        try await server.addUser("he", ["risk": .manager])
        try await server.run { api in
            try await api.setPassword("he", "he's password")
            var browser = PageClient(api)
            try await browser.signIn(user: "he", password: "he's password")
            let blank = try await browser.get("/ui/reports/breakdown")
            #expect(blank.status == .ok)
            #expect(blank.text.contains(#"<option value="risk-review">"#))
            #expect(!blank.text.contains("heatmap"))
            let chosen = try await browser.get("/ui/reports/breakdown?workflow=risk-review&by=&measure=")
            #expect(chosen.text.contains("likelihood, impact, score"), "\(chosen.text)")
            #expect(chosen.text.contains(#"<option value="risk-review" selected>"#))
            let bad = try await browser.get("/ui/reports/breakdown?workflow=risk-review&by=risk")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("&#39;risk&#39; is a text field"), "\(bad.text)")
            let unknown = try await browser.get("/ui/reports/breakdown?workflow=risk-review&sideways=1")
            #expect(unknown.status == .badRequest)
        }
    }
}

import Foundation
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// `/ui/workload`: the workload report per team and person, as `GET /v1/reports/workload`
/// answers the same caller, filtered by team through the query string.
@Suite struct WorkloadPageTests {
    @Test func thePageShowsTheReportOfTheCallersTeams() async throws {
        let time = TestTime()
        let server = try await SLAViewsFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager, "billing": .manager])
        try await server.addUser("ned", ["support": .member])
        try await server.addUser("bob", ["billing": .member])
        let tokens = ["mia": try await server.mintPersonal("mia"), "bob": try await server.mintPersonal("bob")]
        try await server.run { api in
            try await RunningScheduler.with(server.database, time: time) { running in
                let late = try await api.createViewTask("Late")
                let slow = try await api.createViewTask("Slow", tier: "slow")
                let billing = try await api.createViewTask("Billing", team: "billing")
                _ = try await api.createViewTask("Nobody's")
                for (task, person) in [(late, "ned"), (slow, "ned"), (billing, "bob")] {
                    let reply = try await api.send(.patch, "/v1/tasks/\(task)", body: #"{"assignee":"\#(person)"}"#)
                    #expect(reply.status == .ok, "\(reply.text)")
                }
                await running.advance(by: .seconds(3))
                _ = try await running.until({ try await api.send(.get, "/v1/sla/breaches").lines }) { $0.count == 3 }

                for (user, token) in tokens.sorted(by: { $0.key < $1.key }) {
                    try await api.setPassword(user, "\(user)'s password")
                    var browser = PageClient(api)
                    try await browser.signIn(user: user, password: "\(user)'s password")
                    for team in [nil, "support", "billing"] as [String?] {
                        let query = team.map { "?team=" + $0 } ?? ""
                        let page = try await browser.get("/ui/workload" + query)
                        #expect(page.status == .ok)
                        let report = try await api.send(.get, "/v1/reports/workload" + query, token: token).lines
                        let people = report.filter { $0["user"] != nil }
                        #expect(page.rows("person", "data-user") == people.strings("user"), "\(user) \(query)")
                        for line in people {
                            let name = try #require(line["user"]?.stringValue)
                            let row = try #require(page.section(#"data-user="\#(name)">"#, until: "</tr>"))
                            for (column, key) in [
                                ("open", "open"), ("at-risk", "at_risk"), ("breached", "breached"),
                                ("assigned", "assigned_7d"), ("closed", "closed_7d"),
                            ] {
                                let figure = line[key]?.intValue ?? -1
                                #expect(
                                    row.contains(#"<td data-column="\#(column)">\#(figure)"#), "\(name) \(key): \(row)")
                            }
                        }
                        let queues = report.filter { $0["unassigned"] != nil }
                        #expect(page.rows("workload", "data-team") == queues.strings("team"), "\(user) \(query)")
                        #expect(page.text.contains("<div data-live data-live-after=\""))
                        #expect(page.text.contains(#"<div id="workload-report" data-live-region>"#))
                    }
                }

                // mia sees both teams, ned's breach and what is at risk; bob billing alone.
                var manager = PageClient(api)
                try await manager.signIn(user: "mia", password: "mia's password")
                let all = try await manager.get("/ui/workload")
                #expect(all.rows("workload", "data-team") == ["billing", "support"])
                let ned = try #require(all.section(#"data-user="ned">"#, until: "</tr>"))
                #expect(ned.contains(#"<td data-column="open">2</td>"#))
                #expect(ned.contains(#"<td data-column="breached">1 <span class="flag breached">breached</span>"#))
                #expect(all.text.contains(#"<option value="support">support</option>"#))
                let supportOnly = try await manager.get("/ui/workload?team=support")
                #expect(supportOnly.rows("workload", "data-team") == ["support"])
                #expect(supportOnly.text.contains(#"<option value="support" selected>support</option>"#))
                var member = PageClient(api)
                try await member.signIn(user: "bob", password: "bob's password")
                let bobs = try await member.get("/ui/workload")
                #expect(bobs.rows("workload", "data-team") == ["billing"])
                #expect(!bobs.text.contains(#"data-user="ned""#))
                let notBobs = try await member.get("/ui/workload?team=support")
                #expect(notBobs.rows("person", "data-user").isEmpty, "another team's workload is not shown")
                #expect(notBobs.text.contains(#"data-testid="no-workload">No work to show for team support.</p>"#))
            }
        }
    }
}

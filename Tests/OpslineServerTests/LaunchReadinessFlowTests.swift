import Foundation
import Testing
import Workflow

/// `workflows/launch-readiness.yaml` through the HTTP API: a product launch hands eleven readiness
/// items to their teams, each done only with a file attached as its evidence, waits for all of
/// them at go / no-go, a no-go sends it back with a reason, and a launched product's post-launch
/// review records sales against the plan.
@Suite struct LaunchReadinessFlowTests {
    static let launchLine = #"""
        {"workflow":"launch-readiness","title":"星河 X2 智能手表上市","fields":{"product":"星河 X2 智能手表","sku":"XH-X2-BLK-46","launch_date":"2026-12-12","channels":["online_store","mini_program","offline_stores"]}}
        """#

    /// What each readiness item says it shows when completed (QA also signs off against the
    /// quality bar); the proof itself is a file attached as its `evidence`.
    static func completion(_ area: String) -> String {
        switch area {
        case "qa": #"{"summary":"QA report QR-2611: 0 critical, 2 minor defects","meets_quality_bar":true}"#
        case "warm_up": #"{"summary":"预热: 小红书 KOL ×12 scheduled, 微博 teaser live 12-01"}"#
        case "sales_training": #"{"summary":"Training roster: 86 of 88 store staff passed the product quiz"}"#
        case "logistics": #"{"summary":"顺丰 contract SF-2026-1187, next-day delivery in tier-1 cities"}"#
        default: #"{"summary":"Signed off; see the attached file"}"#
        }
    }

    /// The areas of the eleven readiness items, in the order a launch spawns them.
    static let areas = [
        "warm_up", "sales_training", "logistics", "qa", "supply", "user_testing", "pricing", "sales_channels",
        "after_sales", "help_centre", "legal",
    ]

    /// Attaches a file as the item's evidence, then completes it.
    static func complete(_ itemID: String, _ area: String, _ api: APIClient) async throws -> [String: JSONValue] {
        let proof = Array("\(area) evidence for \(itemID)\n".utf8)
        let attached = try await api.upload(
            proof, to: itemID, name: "\(area).txt", type: "text/plain", field: "evidence")
        #expect(attached.status == .created, "\(attached.text)")
        return try await api.advance(itemID, "complete", fields: completion(area))
    }

    @Test func preparingHandsOutElevenReadinessItemsToTheirTeams() async throws {
        let server = try await TestServer.make()
        let productManager = try await server.mint(.member, teams: ["launch"], name: "pm-zhou")
        try await server.run { api in
            let launch = try await api.create(Self.launchLine, token: productManager)
            let id = try #require(launch["id"]?.stringValue)
            #expect(launch["state"] == "preparing")
            #expect(launch["team"] == "launch")

            let children = try await api.children(of: id)
            #expect(children.count == 11)
            #expect(
                children.map { $0["team"]?.stringValue } == [
                    "marketing", "sales", "logistics", "qa", "supply-chain", "product", "finance", "sales", "support",
                    "support", "legal",
                ])
            #expect(children.map { $0["fields"]?["area"]?.stringValue } == Self.areas)
            #expect(children.allSatisfy { $0["parent"]?.stringValue == id && $0["workflow"] == "readiness-item" })
            #expect(children.allSatisfy { $0["state"] == "open" })
            #expect(children[3]["title"] == "质量控制 QA sign-off")

            let shown = try await api.task(id)
            #expect(shown["children"]?.childIDs == children.compactMap { $0["id"]?.stringValue })
            #expect(children.allSatisfy { !$0.keys.contains("children") }, "list lines stay as they are")
            let item = try await api.task(try #require(children.first?["id"]?.stringValue))
            #expect(item["children"]?.childIDs == [], "a task without children lists none")

            let history = try await api.send(.get, "/v1/tasks/\(id)/events")
            let spawned = history.lines.filter { $0["type"] == "spawned" }
            #expect(spawned.compactMap { $0["data"]?["child"]?.stringValue } == shown["children"]?.childIDs)
        }
    }

    @Test func goNoGoWaitsForEveryReadinessItemThenANoGoNeedsAReason() async throws {
        let server = try await TestServer.make()
        let member = try await server.mint(.member, teams: ["launch"], name: "pm-zhou")
        let manager = try await server.mint(.manager, teams: ["launch"], name: "director-li")
        try await server.run { api in
            let id = try #require(try await api.create(Self.launchLine)["id"]?.stringValue)
            let items = try await api.children(of: id)
            let itemIDs = items.compactMap { $0["id"]?.stringValue }
            try #require(itemIDs.count == 11)

            let tooEarly = try await api.fire(id, "go_no_go")
            #expect(tooEarly.status == .unprocessableContent)
            #expect(tooEarly.errorCode == "guard_failed")
            #expect(tooEarly.errorList("open_children") == itemIDs, "every item is still open, oldest first")

            // No item is done without a file, whatever it says.
            let qa = itemIDs[3]
            let saidOnly = try await api.fire(qa, "complete", fields: Self.completion("qa"))
            #expect(saidOnly.status == .unprocessableContent)
            #expect(saidOnly.errorList("missing_fields") == ["evidence"])
            let typed = try await api.fire(qa, "complete", fields: #"{"evidence":"QA report QR-2611"}"#)
            #expect(typed.status == .unprocessableContent, "evidence is a file, never text: \(typed.text)")
            // QA cannot sign off below the quality bar.
            let report = Array("%PDF-1.4 QA report QR-2611".utf8)
            #expect(
                try await api.upload(report, to: qa, name: "QR-2611.pdf", type: "application/pdf", field: "evidence")
                    .status == .created)
            let belowBar = try await api.fire(qa, "complete", fields: #"{"meets_quality_bar":false}"#)
            #expect(belowBar.status == .unprocessableContent)
            #expect(belowBar.errorDetail("condition") == "area != 'qa' or meets_quality_bar")

            for item in items.dropLast() {
                let itemID = try #require(item["id"]?.stringValue)
                let area = try #require(item["fields"]?["area"]?.stringValue)
                _ = try await api.advance(itemID, "start")
                let done = try await Self.complete(itemID, area, api)
                #expect(done["state"] == "done")
                #expect(done["closed_at"]?.stringValue != nil)
            }
            let oneLeft = try await api.fire(id, "go_no_go")
            #expect(oneLeft.status == .unprocessableContent)
            #expect(oneLeft.errorList("open_children") == [itemIDs[10]])
            #expect(try await api.task(id)["state"] == "preparing", "a refused move changes nothing")

            _ = try await Self.complete(itemIDs[10], "legal", api)
            let review = try await api.advance(id, "go_no_go")
            #expect(review["state"] == "review")
            #expect(
                JSONValue.object(review).clock("decision")?["state"] == "running", "the review must decide in a day")

            let memberDecides = try await api.fire(id, "no_go", fields: #"{"no_go_reason":"x"}"#, token: member)
            #expect(memberDecides.status == .forbidden)

            let noReason = try await api.fire(id, "no_go", token: manager)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.errorCode == "guard_failed")
            #expect(noReason.errorList("missing_fields") == ["no_go_reason"])

            let back = try await api.advance(
                id, "no_go",
                fields: #"{"no_go_reason":"表带扣在跌落测试中断裂; retest after the supplier's fix","launch_date":"2026-12-19"}"#,
                token: manager)
            #expect(back["state"] == "remediating")
            #expect(JSONValue.object(back).clock("decision")?["state"] == "met")
            #expect(back["fields"]?["launch_date"] == "2026-12-19")
            #expect(back["fields"]?["no_go_reason"]?.stringValue?.hasPrefix("表带扣") == true)
            #expect(try await api.children(of: id).count == 11, "a no-go keeps the finished checklist")

            // The gap becomes a new readiness item under the launch; the next go / no-go waits for it.
            let retest = try await api.create(
                #"{"workflow":"readiness-item","title":"QA 复测: 表带扣跌落测试","team":"qa","parent":"\#(id)","fields":{"area":"qa"}}"#
            )
            let retestID = try #require(retest["id"]?.stringValue)
            let waiting = try await api.fire(id, "go_no_go")
            #expect(waiting.errorList("open_children") == [retestID])
            #expect(try await api.task(id)["children"]?.childIDs == itemIDs + [retestID])

            _ = try await Self.complete(retestID, "qa", api)
            _ = try await api.advance(id, "go_no_go")
            let launched = try await api.advance(id, "go", token: manager)
            #expect(launched["state"] == "launched")
            #expect(launched["closed_at"] == .null, "a launched product's results are still to review")
            #expect(JSONValue.object(launched).clock("results_review")?["state"] == "running")

            let unreviewed = try await api.fire(id, "review_results")
            #expect(
                unreviewed.errorList("missing_fields") == ["sales_plan", "sales_actual", "market_notes", "lessons"])
            let reviewed = try await api.advance(
                id, "review_results",
                fields: #"""
                    {"sales_plan":2000000,"sales_actual":2300000,"market_notes":"天猫 category #3 in week 2; reviews 4.7","lessons":"Book the drop test before the supplier's tooling freeze"}
                    """#)
            #expect(reviewed["state"] == "reviewed")
            #expect(reviewed["fields"]?["sales_vs_plan"] == 1.15)
            #expect(reviewed["closed_at"]?.stringValue != nil)
        }
    }

    @Test func aManagerMayWaiveAnItemThatDoesNotApplyButAMemberMayNot() async throws {
        let server = try await TestServer.make()
        let member = try await server.mint(.member, teams: ["product"], name: "ux-chen")
        let manager = try await server.mint(.manager, teams: ["product"], name: "ux-lead-wu")
        try await server.run { api in
            let id = try #require(try await api.create(Self.launchLine)["id"]?.stringValue)
            let userTesting = try #require(try await api.children(of: id)[5]["id"]?.stringValue)
            let reason = #"{"waiver_reason":"Colour variant of the X1; its user tests still apply"}"#

            let refused = try await api.fire(userTesting, "waive", fields: reason, token: member)
            #expect(refused.status == .forbidden)
            #expect(refused.errorList("allowed_roles") == ["manager"])
            let waived = try await api.advance(userTesting, "waive", fields: reason, token: manager)
            #expect(waived["state"] == "waived")

            let stillOpen = try await api.fire(id, "go_no_go")
            #expect(stillOpen.errorList("open_children")?.count == 10, "a waived item counts as finished")
        }
    }
}

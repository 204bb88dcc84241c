import Foundation
import Testing
import Workflow

/// `workflows/launch-readiness.yaml` through the HTTP API: a product launch hands six readiness
/// items to their teams, waits for all of them at go / no-go, and a no-go sends it back with a
/// reason.
@Suite struct LaunchReadinessFlowTests {
    static let launchLine = #"""
        {"workflow":"launch-readiness","title":"星河 X2 智能手表上市","fields":{"product":"星河 X2 智能手表","sku":"XH-X2-BLK-46","launch_date":"2026-12-12","channels":["online_store","mini_program","offline_stores"]}}
        """#

    /// What each readiness item needs to be completed (QA also signs off against the quality bar).
    static func completion(_ area: String) -> String {
        switch area {
        case "qa": #"{"evidence":"QA report QR-2611: 0 critical, 2 minor defects","meets_quality_bar":true}"#
        case "warm_up": #"{"evidence":"预热: 小红书 KOL ×12 scheduled, 微博 teaser live 12-01"}"#
        case "sales_training": #"{"evidence":"Training roster: 86 of 88 store staff passed the product quiz"}"#
        case "logistics": #"{"evidence":"顺丰 contract SF-2026-1187, next-day delivery in tier-1 cities"}"#
        case "supply": #"{"evidence":"Straps and chips secured for 50k units; safety stock 2 weeks"}"#
        default: #"{"evidence":"User test round 3: top 5 issues fixed in firmware 1.0.4"}"#
        }
    }

    @Test func preparingHandsOutSixReadinessItemsToTheirTeams() async throws {
        let server = try await TestServer.make()
        let productManager = try await server.mint(.member, teams: ["launch"], name: "pm-zhou")
        try await server.run { api in
            let launch = try await api.create(Self.launchLine, token: productManager)
            let id = try #require(launch["id"]?.stringValue)
            #expect(launch["state"] == "preparing")
            #expect(launch["team"] == "launch")

            let children = try await api.children(of: id)
            #expect(children.count == 6)
            #expect(
                children.map { $0["team"]?.stringValue } == [
                    "marketing", "sales", "logistics", "qa", "supply-chain", "product",
                ])
            #expect(
                children.map { $0["fields"]?["area"]?.stringValue } == [
                    "warm_up", "sales_training", "logistics", "qa", "supply", "user_testing",
                ])
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
            try #require(itemIDs.count == 6)

            let tooEarly = try await api.fire(id, "go_no_go")
            #expect(tooEarly.status == .unprocessableContent)
            #expect(tooEarly.errorCode == "guard_failed")
            #expect(tooEarly.errorList("open_children") == itemIDs, "every item is still open, oldest first")

            // QA cannot sign off below the quality bar.
            let qa = itemIDs[3]
            let belowBar = try await api.fire(
                qa, "complete", fields: #"{"evidence":"QA report QR-2611","meets_quality_bar":false}"#)
            #expect(belowBar.status == .unprocessableContent)
            #expect(belowBar.errorDetail("condition") == "area != 'qa' or meets_quality_bar")

            for item in items.dropLast() {
                let itemID = try #require(item["id"]?.stringValue)
                let area = try #require(item["fields"]?["area"]?.stringValue)
                _ = try await api.advance(itemID, "start")
                let done = try await api.advance(itemID, "complete", fields: Self.completion(area))
                #expect(done["state"] == "done")
                #expect(done["closed_at"]?.stringValue != nil)
            }
            let oneLeft = try await api.fire(id, "go_no_go")
            #expect(oneLeft.status == .unprocessableContent)
            #expect(oneLeft.errorList("open_children") == [itemIDs[5]])
            #expect(try await api.task(id)["state"] == "preparing", "a refused move changes nothing")

            _ = try await api.advance(itemIDs[5], "complete", fields: Self.completion("user_testing"))
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
            #expect(try await api.children(of: id).count == 6, "a no-go keeps the finished checklist")

            // The gap becomes a new readiness item under the launch; the next go / no-go waits for it.
            let retest = try await api.create(
                #"{"workflow":"readiness-item","title":"QA 复测: 表带扣跌落测试","team":"qa","parent":"\#(id)","fields":{"area":"qa"}}"#
            )
            let retestID = try #require(retest["id"]?.stringValue)
            let waiting = try await api.fire(id, "go_no_go")
            #expect(waiting.errorList("open_children") == [retestID])
            #expect(try await api.task(id)["children"]?.childIDs == itemIDs + [retestID])

            _ = try await api.advance(retestID, "complete", fields: Self.completion("qa"))
            _ = try await api.advance(id, "go_no_go")
            let launched = try await api.advance(id, "go", token: manager)
            #expect(launched["state"] == "launched")
            #expect(launched["closed_at"]?.stringValue != nil)
        }
    }

    @Test func aManagerMayWaiveAnItemThatDoesNotApplyButAMemberMayNot() async throws {
        let server = try await TestServer.make()
        let member = try await server.mint(.member, teams: ["product"], name: "ux-chen")
        let manager = try await server.mint(.manager, teams: ["product"], name: "ux-lead-wu")
        try await server.run { api in
            let id = try #require(try await api.create(Self.launchLine)["id"]?.stringValue)
            let userTesting = try #require(try await api.children(of: id).last?["id"]?.stringValue)
            let reason = #"{"waiver_reason":"Colour variant of the X1; its user tests still apply"}"#

            let refused = try await api.fire(userTesting, "waive", fields: reason, token: member)
            #expect(refused.status == .forbidden)
            #expect(refused.errorList("allowed_roles") == ["manager"])
            let waived = try await api.advance(userTesting, "waive", fields: reason, token: manager)
            #expect(waived["state"] == "waived")

            let stillOpen = try await api.fire(id, "go_no_go")
            #expect(stillOpen.errorList("open_children")?.count == 5, "a waived item counts as finished")
        }
    }
}

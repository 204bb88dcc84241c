import Foundation
import TestSupport
import Testing
@testable import Workflow

/// `workflows/risk-review.yaml` through the HTTP API: likelihood × impact gives the score, a high
/// score needs a manager's approval and a compliance review, acceptance needs a contingency plan,
/// and accepted risks come back for re-review on a timer.
@Suite struct RiskReviewFlowTests {
    static let supplierRisk = #"""
        {"workflow":"risk-review","title":"表带供应商停产","fields":{"risk":"Our only strap supplier (东莞 factory) stops production in Q4; Double 11 stock could run out","category":"supply","owner":"zhao.lei","likelihood":4,"impact":5}}
        """#

    @Test func aHighScoreNeedsAManagersApprovalAndAComplianceReview() async throws {
        let server = try await TestServer.make()
        let analyst = try await server.mint(.member, teams: ["risk"], name: "analyst-sun")
        let manager = try await server.mint(.manager, teams: ["risk"], name: "risk-director-he")
        let reviewer = try await server.mint(.member, teams: ["risk"], name: "compliance-liu")
        let colleague = try await server.mint(.member, teams: ["risk"], name: "analyst-wang")
        try await server.run { api in
            let created = try await api.create(Self.supplierRisk, token: analyst)
            let id = try #require(created["id"]?.stringValue)
            #expect(created["fields"]?["score"] == 20, "likelihood × impact, computed by the server")
            #expect(created["fields"]?["high_risk"] == true)
            let assessment = JSONValue.object(created).clock("assessment")
            #expect(assessment?["state"] == "running")
            #expect(assessment?["target_s"] == 86_400, "three working days of eight hours")

            let assessed = try await api.advance(id, "assess", token: analyst)
            #expect(assessed["state"] == "awaiting_approval")

            let byMember = try await api.fire(id, "approve", token: analyst)
            #expect(byMember.status == .forbidden)
            #expect(byMember.errorCode == "forbidden")
            #expect(byMember.errorList("allowed_roles") == ["manager"])
            #expect(try await api.task(id)["state"] == "awaiting_approval")

            let unnamed = try await api.fire(id, "approve", token: manager)
            #expect(unnamed.errorList("missing_fields") == ["compliance_reviewer"], "the manager names the reviewer")
            let approved = try await api.advance(
                id, "approve", fields: #"{"compliance_reviewer":"compliance-liu"}"#, token: manager)
            #expect(approved["state"] == "compliance_review")
            let renamed = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"compliance_reviewer":"analyst-wang"}}"#, token: analyst)
            #expect(renamed.errorCode == "locked_field", "nobody changes the reviewer during the review")

            let review =
                #"{"compliance_notes":"《合同法》 second-source contract reviewed by legal; no exclusivity clause breached","compliant":true}"#
            // Four eyes: whoever assessed the risk does not clear its compliance review, admins neither.
            let ownReview = try await api.fire(id, "clear_compliance", fields: review, token: analyst)
            #expect(ownReview.status == .forbidden)
            #expect(ownReview.errorDetail("not_by") == "assess")
            #expect(ownReview.text.contains("needs another person: analyst-sun fired 'assess' on this task"))
            #expect(try await api.task(id)["state"] == "compliance_review")
            // Only the reviewer the manager named clears it: not another analyst, not the manager.
            for other in [colleague, manager] {
                let notNamed = try await api.fire(id, "clear_compliance", fields: review, token: other)
                #expect(notNamed.errorCode == "guard_failed")
                #expect(notNamed.errorDetail("condition") == "actor == compliance_reviewer")
            }

            let unchecked = try await api.fire(id, "clear_compliance", token: reviewer)
            #expect(unchecked.status == .unprocessableContent)
            #expect(unchecked.errorList("missing_fields") == ["compliance_notes", "compliant"])
            let cleared = try await api.advance(id, "clear_compliance", fields: review, token: reviewer)
            #expect(cleared["state"] == "choosing_strategy")
        }
    }

    @Test func aLowScoreGoesStraightToChoosingAStrategy() async throws {
        try await TestServer.make().run { api in
            let created = try await api.create(
                #"{"workflow":"risk-review","title":"会员积分规则调整","fields":{"risk":"New points rules may confuse members for a few weeks","category":"operations","likelihood":2,"impact":3}}"#
            )
            let id = try #require(created["id"]?.stringValue)
            #expect(created["fields"]?["score"] == 6)
            #expect(created["fields"]?["high_risk"] == false)
            let assessed = try await api.advance(id, "assess")
            #expect(assessed["state"] == "choosing_strategy")
        }
    }

    @Test func scoresFollowReassessedValues() async throws {
        try await TestServer.make().run { api in
            let created = try await api.create(
                #"{"workflow":"risk-review","title":"政策变化: 直播带货新规","fields":{"risk":"New live-commerce rules","category":"policy"}}"#
            )
            let id = try #require(created["id"]?.stringValue)
            #expect(
                created["fields"]?.objectValue?.keys.contains("score") == false, "no score until both inputs are known")
            let unassessed = try await api.fire(id, "assess")
            #expect(unassessed.errorList("missing_fields") == ["likelihood", "impact"])
            let assessed = try await api.advance(id, "assess", fields: #"{"likelihood":3,"impact":5}"#)
            #expect(assessed["fields"]?["score"] == 15)
            #expect(assessed["state"] == "awaiting_approval", "15 is already high")
        }
    }

    /// The risk register: every risk, highest score first, the unscored ones last.
    @Test func theRegisterListsRisksByScoreHighestFirst() async throws {
        try await TestServer.make().run { api in
            var ids: [String] = []
            for (title, scores) in [
                ("low", #","likelihood":2,"impact":3"#), ("unscored", ""),
                ("high", #","likelihood":4,"impact":5"#), ("medium", #","likelihood":3,"impact":4"#),
            ] {
                let created = try await api.create(
                    #"{"workflow":"risk-review","title":"\#(title)","fields":{"risk":"r","category":"supply"\#(scores)}}"#
                )
                ids.append(try #require(created["id"]?.stringValue))
            }
            let register = try await api.send(.get, "/v1/tasks?workflow=risk-review&sort=-field.score")
            #expect(register.lines.map { $0["title"]?.stringValue } == ["high", "medium", "low", "unscored"])
            #expect(register.lines.map { $0["fields"]?["score"]?.intValue } == [20, 12, 6, nil])
        }
    }

    @Test func aRiskRescoredHighAfterItsAssessmentGoesBackThroughApproval() async throws {
        try await TestServer.make().run { api in
            let id = try #require(
                try await api.create(
                    #"{"workflow":"risk-review","title":"资金链: 平台回款延迟","fields":{"risk":"Platform payouts may slip from T+7 to T+30","category":"cash_flow","likelihood":2,"impact":3}}"#
                )["id"]?.stringValue)
            #expect(try await api.advance(id, "assess")["state"] == "choosing_strategy")
            let rescored = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"likelihood":5,"impact":4}}"#)
            #expect(rescored.object["fields"]?["score"] == 20)

            let accept = try await api.fire(
                id, "accept",
                fields:
                    #"{"strategy":"reserve","mitigation":"Credit line","contingency":"Delay supplier payments","reserve_amount":2000000}"#
            )
            #expect(accept.status == .unprocessableContent, "a high score is not accepted without review")
            #expect(
                accept.errorDetail("condition")?.stringValue?.hasPrefix("(score < 15 or compliant is not null)") == true
            )
            #expect(try await api.advance(id, "reassess")["state"] == "identified")
            #expect(try await api.advance(id, "assess")["state"] == "awaiting_approval")
        }
    }

    @Test func acceptingNeedsAContingencyPlanAndStartsTheReReviewTimer() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let id = try #require(
                try await api.create(
                    #"{"workflow":"risk-review","title":"库存积压: 冬季羽绒服","fields":{"risk":"Warm winter forecast; down jackets may not sell through","category":"inventory","likelihood":3,"impact":3}}"#
                )["id"]?.stringValue)
            _ = try await api.advance(id, "assess")

            let plan =
                #""strategy":"spread","mitigation":"Split the order across 3 regional warehouses; pre-sell 30% on the mini-program""#
            let withoutContingency = try await api.fire(id, "accept", fields: "{\(plan)}")
            #expect(withoutContingency.status == .unprocessableContent)
            #expect(withoutContingency.errorCode == "guard_failed")
            #expect(withoutContingency.errorList("missing_fields") == ["contingency"])
            #expect(try await server.database.tasks.timers(of: id).isEmpty)

            let reserveWithoutAmount = try await api.fire(
                id, "accept",
                fields:
                    #"{"strategy":"reserve","mitigation":"Set money aside","contingency":"Clearance sale via outlets"}"#
            )
            #expect(reserveWithoutAmount.status == .unprocessableContent)
            #expect(reserveWithoutAmount.errorDetail("condition")?.stringValue?.contains("reserve_amount") == true)

            let before = Date()
            let accepted = try await api.advance(
                id, "accept",
                fields:
                    "{\(plan),\"contingency\":\"If sell-through < 40% by 12-15: 满300减50 clearance and return 20% to the vendor\"}"
            )
            #expect(accepted["state"] == "accepted")
            #expect(accepted["closed_at"] == .null, "an accepted risk stays open: it is re-reviewed")

            let timers = try await server.database.tasks.timers(of: id)
            try #require(timers.count == 1)
            #expect(timers[0].fire == "rereview")
            #expect(timers[0].state == "accepted")
            let ninetyDays: TimeInterval = 90 * 86_400
            #expect(abs(timers[0].dueAt.timeIntervalSince(before) - ninetyDays) < 120, "due 90 days after acceptance")

            let rereviewed = try await api.advance(id, "rereview")
            #expect(rereviewed["state"] == "identified")
            #expect(try await server.database.tasks.timers(of: id).isEmpty, "leaving the state cancels its timer")
        }
    }

    @Test func aResponseThatBreaksTheRulesCanOnlyBeToAvoidTheRisk() async throws {
        let server = try await TestServer.make()
        let manager = try await server.mint(.manager, teams: ["risk"], name: "risk-director-he")
        try await server.run { api in
            let id = try #require(
                try await api.create(
                    #"{"workflow":"risk-review","title":"虚假宣传风险: 极限词","fields":{"risk":"Ad copy uses 全网最低价 and 第一","category":"compliance","likelihood":5,"impact":4}}"#
                )["id"]?.stringValue)
            _ = try await api.advance(id, "assess")
            _ = try await api.advance(
                id, "approve", fields: #"{"compliance_reviewer":"risk-director-he"}"#, token: manager)
            _ = try await api.advance(
                id, "clear_compliance",
                fields: #"{"compliance_notes":"《广告法》第九条 bans superlatives such as 最 and 第一","compliant":false}"#,
                token: manager)
            let transfer = try await api.fire(
                id, "accept",
                fields:
                    #"{"strategy":"transfer","mitigation":"Let the agency carry the fine","contingency":"Pull the ads"}"#
            )
            #expect(transfer.status == .unprocessableContent)
            #expect(transfer.errorCode == "guard_failed")
            let avoid = try await api.advance(
                id, "accept",
                fields:
                    #"{"strategy":"avoid","mitigation":"Rewrite the copy without superlatives","contingency":"Pull the ads within 1 hour of a regulator's notice"}"#
            )
            #expect(avoid["state"] == "accepted")
        }
    }

    @Test func aMaterialisedRiskOpensALinkedIncidentAndIsAssessedAfreshOnceItIsOver() async throws {
        try await TestServer.make().run { api in
            let id = try #require(
                try await api.create(
                    #"{"workflow":"risk-review","title":"物流中断: 台风","fields":{"risk":"A typhoon closes the Shenzhen hub","category":"supply","likelihood":2,"impact":4}}"#
                )["id"]?.stringValue)
            _ = try await api.advance(id, "assess")
            _ = try await api.advance(
                id, "accept",
                fields:
                    #"{"strategy":"spread","mitigation":"Second carrier on standby","contingency":"Route via Guangzhou; tell customers within 2 h"}"#
            )
            let unsaid = try await api.fire(id, "materialise")
            #expect(unsaid.errorList("missing_fields") == ["what_happened"])
            let materialised = try await api.advance(
                id, "materialise", fields: #"{"what_happened":"Typhoon 摩羯 closed the hub for 3 days"}"#)
            #expect(materialised["state"] == "materialised")

            let incidents = try await api.children(of: id)
            #expect(incidents.map { $0["workflow"] } == ["incident"])
            let incident = try #require(incidents.first?["id"]?.stringValue)
            let shown = try await api.task(incident)
            #expect(shown["state"] == "responding")
            #expect(shown["links"]?.arrayValue?.first?["type"] == "caused_by")
            #expect(shown["links"]?.arrayValue?.first?["task"]?.stringValue == id)
            let containment = JSONValue.object(shown).clock("containment")
            #expect(containment?["state"] == "running")
            #expect(containment?["target_s"] == 14_400, "four hours, round the clock")
            #expect(try await api.task(id)["links"]?.arrayValue?.first?["type"] == "causes")

            let early = try await api.fire(id, "recover")
            #expect(early.errorList("open_children") == [incident])
            // Containment waits for the contingency plan's first moves, ticked as they are done.
            let actions = #"{"actions":"Rerouted 1,240 parcels via Guangzhou"}"#
            #expect(shown["checklist"]?["total"] == 4)
            for item in ["plan_activated", "stakeholders_told", "customers_informed"] {
                let ticked = try await api.send(.post, "/v1/tasks/\(incident)/checklist", body: #"{"item":"\#(item)"}"#)
                #expect(ticked.status == .ok, "\(ticked.text)")
            }
            let untimed = try await api.fire(incident, "contain", fields: actions)
            #expect(untimed.errorCode == "guard_failed", "\(untimed.text)")
            #expect(untimed.text.contains("timeline_kept"), "\(untimed.text)")
            _ = try await api.send(.post, "/v1/tasks/\(incident)/checklist", body: #"{"item":"timeline_kept"}"#)
            _ = try await api.advance(incident, "contain", fields: actions)
            _ = try await api.advance(
                incident, "close",
                fields:
                    #"{"plan_followed":true,"impact_summary":"1-day delay for 1,240 orders","lessons":"Pre-book Guangzhou capacity in typhoon season"}"#
            )
            #expect(try await api.advance(id, "recover")["state"] == "identified")
        }
    }

    @Test func contingencyPlansAreDrilledEveryQuarterByThemselves() async throws {
        let time = TestTime(start: RFC3339.parse("2026-12-02T02:00:00Z")!)
        let server = try await TestServer.make(time: time, schedules: true)
        try await server.run { api in
            let schedules = try await api.send(.get, "/v1/schedules?workflow=contingency-drill").lines
            // The 15th of the first month of the next quarter, 10:00 in Shanghai.
            #expect(schedules.map { $0["next_at"] } == ["2027-01-15T02:00:00.000Z"])
            try await RunningScheduler.with(server.database, time: time) { running in
                await running.advance(by: .seconds(44 * 86_400))
                let drills = try await running.until({
                    try await api.send(.get, "/v1/tasks?workflow=contingency-drill").lines
                }) { !$0.isEmpty }
                #expect(drills.map { $0["title"] } == ["应急演练 Contingency drill 2027-01-15"])
                #expect(drills.first?["team"] == "risk")
            }
            let next = try await api.send(.get, "/v1/schedules?workflow=contingency-drill").lines
            #expect(next.map { $0["next_at"] } == ["2027-04-15T02:00:00.000Z"])
        }
    }
}

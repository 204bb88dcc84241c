import Foundation
import TestSupport
import Testing
import Workflow

/// `workflows/campaign-planning.yaml` through the HTTP API: eight planning steps from a SMART
/// objective to the evaluation, a manager's approval that can send the plan back for rework, and
/// resource requests handed to four teams.
@Suite struct CampaignPlanningFlowTests {
    static let campaignLine = #"""
        {"workflow":"campaign-planning","title":"双11 会员日 满300减50","fields":{"campaign_type":"promotion"}}
        """#

    static let objectives = #"""
        {"purpose":"Win back members who have not ordered since the summer","theme":"双11 会员日","objective":"+10% mini-program visits during 11-01…11-11 against October","target_metric":"site_traffic","baseline":120000,"target":132000,"start_date":"2026-11-01","end_date":"2026-11-11"}
        """#

    static let plan = #"""
        {"location":"WeChat mini-program and 12 flagship stores","run_sheet":"10-25 teaser; 11-01 coupons open; 11-11 00:00 flash sale; 11-12 wrap-up","budget":380000,"risk_forecast":"Traffic spike at 00:00; coupon abuse by resellers","pricing_owner":"pricing-wu"}
        """#

    /// The pricing owner the plan names, who alone signs off the promotion's prices.
    static let pricingOwner = "pricing-wu"

    /// The pricing owner's sign-off of a campaign in execution: 17% off, approved.
    static func signOffPricing(_ api: APIClient, _ id: String, token: String) async throws {
        let signed = try await api.advance(
            id, "sign_off_pricing", fields: #"{"discount_depth":0.17,"pricing_approved":true}"#, token: token)
        #expect(signed["state"] == "executing")
        #expect(signed["fields"]?["pricing_approved"] == true)
    }

    /// Walks a new campaign to the plan's approval step.
    static func campaignAwaitingApproval(_ api: APIClient) async throws -> String {
        let id = try #require(try await api.create(campaignLine)["id"]?.stringValue)
        _ = try await api.advance(id, "set_objectives", fields: objectives)
        _ = try await api.advance(
            id, "analyse_audience",
            fields:
                #"{"audience":"Members aged 25–40 in tier-1/2 cities, lapsed 90+ days","channels":["wechat","mini_program","sms"]}"#
        )
        _ = try await api.advance(
            id, "finish_concept",
            fields: #"{"concept":"「回家的礼物」: returning members unlock a 满300减50 coupon","mechanic":"spend_and_save"}"#)
        let submitted = try await api.advance(id, "submit_plan", fields: plan)
        #expect(submitted["state"] == "plan_review")
        return id
    }

    @Test func eachPlanningStepAsksForWhatItDecides() async throws {
        try await TestServer.make().run { api in
            let created = try await api.create(Self.campaignLine)
            let id = try #require(created["id"]?.stringValue)
            #expect(created["state"] == "objectives")
            #expect(created["team"] == "marketing")

            let notSmart = try await api.fire(
                id, "set_objectives", fields: Self.objectives.replacingOccurrences(of: "132000", with: "100000"))
            #expect(notSmart.status == .unprocessableContent)
            #expect(notSmart.errorDetail("condition") == "target > baseline and end_date >= start_date")

            let objectives = try await api.advance(id, "set_objectives", fields: Self.objectives)
            #expect(objectives["state"] == "audience")

            _ = try await api.advance(
                id, "analyse_audience", fields: #"{"audience":"Lapsed members","channels":["wechat"]}"#)
            let noMechanic = try await api.fire(id, "finish_concept", fields: #"{"concept":"「回家的礼物」"}"#)
            #expect(noMechanic.status == .unprocessableContent, "a promotion names its mechanic")
            #expect(noMechanic.errorDetail("condition") == "campaign_type != 'promotion' or mechanic is not null")
            _ = try await api.advance(
                id, "finish_concept", fields: #"{"concept":"「回家的礼物」","mechanic":"spend_and_save"}"#)

            let noBudget = try await api.fire(
                id, "submit_plan", fields: Self.plan.replacingOccurrences(of: #""budget":380000,"#, with: ""))
            #expect(noBudget.status == .unprocessableContent)
            #expect(noBudget.errorCode == "guard_failed")
            #expect(noBudget.errorList("missing_fields") == ["budget"])
        }
    }

    @Test func reworkSendsThePlanBackAndOnlyAManagerDecides() async throws {
        let server = try await TestServer.make()
        let planner = try await server.mint(.member, teams: ["marketing"], name: "planner-lin")
        let manager = try await server.mint(.manager, teams: ["marketing"], name: "cmo-gao")
        try await server.run { api in
            let id = try await Self.campaignAwaitingApproval(api)

            let selfApproved = try await api.fire(id, "approve_plan", token: planner)
            #expect(selfApproved.status == .forbidden)
            #expect(selfApproved.errorList("allowed_roles") == ["manager"])

            let noReason = try await api.fire(id, "request_rework", token: manager)
            #expect(noReason.errorList("missing_fields") == ["rework_reason"])
            let rework = try await api.advance(
                id, "request_rework",
                fields:
                    #"{"rework_reason":"Budget too high for a win-back campaign: stay under ¥300k and drop the SMS blast"}"#,
                token: manager)
            #expect(rework["state"] == "planning", "rework returns to the activity plan")
            let clocks = JSONValue.object(rework)
            #expect(clocks.clock("approval")?["state"] == "met", "the manager decided in time")
            #expect(clocks.clock("planning")?["state"] == "running", "rework resumes the planning clock")
            #expect(rework["fields"]?["budget"] == 380000, "the plan is kept for editing")
            #expect(try await api.children(of: id).isEmpty, "nothing is handed out before approval")

            let resubmitted = try await api.advance(
                id, "submit_plan", fields: #"{"budget":280000,"channels":["wechat","mini_program"]}"#, token: planner)
            #expect(resubmitted["state"] == "plan_review")
            let approved = try await api.advance(id, "approve_plan", token: manager)
            #expect(approved["state"] == "resourcing")

            let history = try await api.send(.get, "/v1/tasks/\(id)/events")
            let moves = history.lines.filter { $0["type"] == "transitioned" }.compactMap {
                $0["data"]?["transition"]?.stringValue
            }
            #expect(
                moves == [
                    "set_objectives", "analyse_audience", "finish_concept", "submit_plan", "request_rework",
                    "submit_plan", "approve_plan",
                ])
        }
    }

    @Test func approvalHandsResourceRequestsToFourTeamsAndExecutionWaitsForThem() async throws {
        let server = try await TestServer.make()
        let manager = try await server.mint(.manager, teams: ["marketing"], name: "cmo-gao")
        let pricing = try await server.mint(.member, teams: ["marketing"], name: Self.pricingOwner)
        try await server.run { api in
            let id = try await Self.campaignAwaitingApproval(api)
            _ = try await api.advance(id, "approve_plan", token: manager)

            let requests = try await api.children(of: id)
            #expect(requests.map { $0["team"]?.stringValue } == ["events", "hr", "design", "brand"])
            #expect(
                requests.map { $0["fields"]?["resource"]?.stringValue } == ["venue", "staff", "materials", "publicity"])
            #expect(requests.allSatisfy { $0["parent"]?.stringValue == id && $0["workflow"] == "resource-request" })
            let requestIDs = requests.compactMap { $0["id"]?.stringValue }
            #expect(try await api.task(id)["children"]?.childIDs == requestIDs)

            let early = try await api.fire(id, "start_execution")
            #expect(early.status == .unprocessableContent)
            #expect(early.errorList("open_children") == requestIDs)

            let details = [
                #"{"details":"12 flagship stores: pop-up counters booked 11-09…11-11","cost":60000}"#,
                #"{"details":"40 store promoters and 6 extra 客服 agents on 11-11","cost":48000}"#,
                #"{"details":"Posters, coupon cards, gift bags ×20k","cost":72000}"#,
                #"{"details":"公众号 push ×3, 朋友圈 ads, 小红书 KOL ×8","cost":95000}"#,
            ]
            for (requestID, detail) in zip(requestIDs, details) {
                _ = try await api.advance(requestID, "arrange")
                #expect(try await api.advance(requestID, "confirm", fields: detail)["state"] == "confirmed")
            }
            let executing = try await api.advance(id, "start_execution")
            #expect(executing["state"] == "executing")

            let unchecked = try await api.fire(id, "go_live")
            #expect(
                unchecked.status == .unprocessableContent, "the campaign goes live only once compliance is confirmed")
            let unpriced = try await api.fire(id, "go_live", fields: #"{"compliance_checked":true}"#)
            #expect(unpriced.errorCode == "guard_failed", "a promotion's prices are signed off first")
            // Only the pricing owner signs them off, with the discount depth; no update sets it.
            let byManager = try await api.fire(
                id, "sign_off_pricing", fields: #"{"discount_depth":0.17,"pricing_approved":true}"#, token: manager)
            #expect(byManager.errorCode == "guard_failed")
            #expect(byManager.errorDetail("condition")?.stringValue?.contains("actor == pricing_owner") == true)
            let patched = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"pricing_approved":true}}"#, token: manager)
            #expect(patched.errorCode == "locked_field")
            let undepth = try await api.fire(
                id, "sign_off_pricing", fields: #"{"pricing_approved":true}"#, token: pricing)
            #expect(undepth.errorList("missing_fields") == ["discount_depth"])
            try await Self.signOffPricing(api, id, token: pricing)
            _ = try await api.advance(id, "go_live", fields: #"{"compliance_checked":true}"#)
            let evaluating = try await api.advance(
                id, "end_campaign",
                fields: #"{"risk_log":"00:00 traffic spike absorbed by queueing; 37 reseller accounts blocked"}"#)
            #expect(evaluating["state"] == "evaluating")

            // A next action becomes an action item for marketing, a child that outlives the
            // campaign; the evaluation goes on.
            let unstated = try await api.fire(id, "raise_follow_up")
            #expect(unstated.errorList("missing_fields") == ["next_actions"])
            let raised = try await api.advance(
                id, "raise_follow_up", fields: #"{"next_actions":"Brief the 618 campaign on the coupon cap"}"#)
            #expect(raised["state"] == "follow_up_raised")
            let action = try #require(try await api.children(of: id).last)
            #expect(action["workflow"] == "action-item" && action["team"] == "marketing")
            let actionID = try #require(action["id"]?.stringValue)
            #expect(try await api.advance(id, "follow_up_noted")["state"] == "evaluating")

            let results = #"""
                {"participants":18450,"exposure":2300000,"sales":1710000,"shares":9120,"satisfaction":4.4,"actual":138600,"causes":"Coupons opened a week early drew members back","lessons":"Cap coupons per account from the start","next_actions":"Brief the 618 campaign on the coupon cap"}
                """#
            let missingMetrics = try await api.fire(id, "complete", fields: #"{"participants":18450}"#)
            #expect(
                missingMetrics.errorList("missing_fields") == [
                    "exposure", "sales", "shares", "satisfaction", "actual", "causes", "lessons",
                ], "the next actions were given when the follow-up was raised")
            let completed = try await api.advance(id, "complete", fields: results)
            #expect(completed["state"] == "completed")
            #expect(completed["closed_at"]?.stringValue != nil)
            #expect(completed["fields"]?["goal_met"] == true)
            #expect(completed["fields"]?["goal_completion"] == 1.05, "138 600 of 132 000 visits")
            #expect(completed["fields"]?["sales_per_yuan"] == 4.5, "¥1.71M of sales on a ¥380k budget")
            let done = try await api.advance(
                actionID, "finish",
                fields:
                    #"{"action":"Brief the 618 campaign on the coupon cap","owner":"cmo-gao","outcome":"Cap in the 618 brief"}"#
            )
            #expect(done["state"] == "done", "after the campaign closed")
        }
    }

    @Test func aCampaignGoesLiveOnItsStartDateUnlessAManagerLetsItStartEarly() async throws {
        // 2026-10-30 10:00 in Shanghai: two days before the campaign's start date, 2026-11-01.
        let time = TestTime(start: RFC3339.parse("2026-10-30T02:00:00Z")!)
        let server = try await TestServer.make(time: time)
        let planner = try await server.mint(.member, teams: ["marketing"], name: "planner-lin")
        let manager = try await server.mint(.manager, teams: ["marketing"], name: "cmo-gao")
        let pricing = try await server.mint(.member, teams: ["marketing"], name: Self.pricingOwner)
        try await server.run { api in
            let id = try await FrozenFieldTests.approvedCampaign(api, manager: manager)
            for request in try await api.children(of: id).compactMap({ $0["id"]?.stringValue }) {
                _ = try await api.advance(request, "confirm", fields: #"{"details":"Arranged"}"#)
            }
            _ = try await api.advance(id, "start_execution", token: planner)
            try await Self.signOffPricing(api, id, token: pricing)
            let ready = #"{"compliance_checked":true}"#
            let early = try await api.fire(id, "go_live", fields: ready, token: planner)
            #expect(early.errorCode == "guard_failed")
            #expect(early.errorDetail("condition")?.stringValue?.hasSuffix("start_date <= today") == true)
            let byPlanner = try await api.fire(
                id, "go_live_early", fields: #"{"early_start_reason":"x"}"#, token: planner)
            #expect(byPlanner.status == .forbidden)
            let noReason = try await api.fire(id, "go_live_early", fields: ready, token: manager)
            #expect(noReason.errorList("missing_fields") == ["early_start_reason"])
            let overridden = try await api.advance(
                id, "go_live_early",
                fields:
                    #"{"compliance_checked":true,"early_start_reason":"Competitor started a day early"}"#,
                token: manager)
            #expect(overridden["state"] == "live")

            // Another campaign, on its start date, goes live without anyone's override.
            let onTime = try await FrozenFieldTests.approvedCampaign(api, manager: manager)
            for request in try await api.children(of: onTime).compactMap({ $0["id"]?.stringValue }) {
                _ = try await api.advance(request, "confirm", fields: #"{"details":"Arranged"}"#)
            }
            _ = try await api.advance(onTime, "start_execution", token: planner)
            try await Self.signOffPricing(api, onTime, token: pricing)
            await time.advance(by: .seconds(2 * 86_400))
            #expect(try await api.advance(onTime, "go_live", fields: ready, token: planner)["state"] == "live")
        }
    }
}

extension CampaignPlanningFlowTests {
    @Test func spendRollsUpTheResourceRequestsCostsAgainstTheBudget() async throws {
        let server = try await TestServer.make()
        let manager = try await server.mint(.manager, teams: ["marketing"], name: "cmo-gao")
        try await server.run { api in
            let id = try await FrozenFieldTests.approvedCampaign(api, manager: manager)
            let requests = try await api.children(of: id).compactMap { $0["id"]?.stringValue }
            #expect(try await api.task(id)["fields"]?["spend"] == nil, "no cost yet")

            _ = try await api.advance(requests[0], "confirm", fields: #"{"details":"Hall A","cost":150000}"#)
            var campaign = try await api.task(id)
            #expect(campaign["fields"]?["spend"] == 150_000)
            #expect(campaign["fields"]?["over_budget"] == false, "against the ¥380k budget")

            let patched = try await api.send(.patch, "/v1/tasks/\(requests[1])", body: #"{"fields":{"cost":250000}}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            campaign = try await api.task(id)
            #expect(campaign["fields"]?["spend"] == 400_000)
            #expect(campaign["fields"]?["over_budget"] == true)
            let events = try await api.send(.get, "/v1/tasks/\(id)/events").lines
            #expect(
                events.last { $0["type"] == "updated" }?["data"]?["note"]?.stringValue
                    == "spend = sum of cost over its resource-request children")

            let setByHand = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"spend":1}}"#)
            #expect(setByHand.status == .unprocessableContent)
            #expect(setByHand.errorCode == "validation_failed")
        }
    }
}

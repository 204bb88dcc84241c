import Foundation
import Testing
import TestSupport
import Workflow

/// Rules of the shipped workflows that an update cannot step around: fields frozen by an
/// approval (`locked_fields:`), a campaign's compliance confirmed before it goes live, compliance
/// risks always reviewed, and unrated complaints closing by themselves.
@Suite struct FrozenFieldTests {
    /// A campaign walked to its approval step and approved by a manager of `server`.
    static func approvedCampaign(_ api: APIClient, manager: String) async throws -> String {
        let id = try await CampaignPlanningFlowTests.campaignAwaitingApproval(api)
        #expect(try await api.advance(id, "approve_plan", token: manager)["state"] == "resourcing")
        return id
    }

    @Test func anApprovedBudgetCannotBePatchedNorChangedInABatch() async throws {
        let server = try await TestServer.make()
        let planner = try await server.mint(.member, teams: ["marketing"], name: "planner-lin")
        let manager = try await server.mint(.manager, teams: ["marketing"], name: "cmo-gao")
        try await server.run { api in
            let id = try await Self.approvedCampaign(api, manager: manager)

            let raised = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"budget":900000}}"#, token: planner)
            #expect(raised.status == .conflict)
            #expect(raised.errorCode == "locked_field")
            #expect(raised.errorDetail("field") == "budget")
            #expect(raised.errorDetail("state") == "resourcing")
            #expect(raised.errorDetail("fields")?["budget"] == "is locked in state 'resourcing'")
            #expect(raised.errorList("transitions") == [], "no transition from resourcing frees it")
            #expect(
                raised.errorDetail("message")
                    == "field 'budget' is locked in state 'resourcing'; no transition from it changes it")
            let byAdmin = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"target":1}}"#)
            #expect(byAdmin.errorCode == "locked_field", "admins are held to it too")
            #expect(try await api.task(id)["fields"]?["budget"] == 380000, "nothing changed")

            let sameBudget = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"budget":380000,"risk_forecast":"Also: rain on 11-11"}}"#,
                token: planner)
            #expect(sameBudget.status == .ok, "\(sameBudget.text)")
            #expect(sameBudget.object["fields"]?["risk_forecast"] == "Also: rain on 11-11")

            let batch = try await api.send(
                .post, "/v1/events",
                body: #"{"op":"update","task":"\#(id)","fields":{"target":1000}}"#, token: planner)
            #expect(batch.status == .ok)
            #expect(batch.lines.first?["status"] == 409, "\(batch.text)")
            #expect(batch.lines.first?["error"]?["code"] == "locked_field")
            #expect(batch.lines.first?["error"]?["field"] == "target")
        }
    }

    @Test func aCampaignGoesLiveOnlyOnceComplianceIsConfirmedAndCanBeHaltedWithAReason() async throws {
        let server = try await TestServer.make()
        let planner = try await server.mint(.member, teams: ["marketing"], name: "planner-lin")
        let manager = try await server.mint(.manager, teams: ["marketing"], name: "cmo-gao")
        let pricing = try await server.mint(
            .member, teams: ["marketing"], name: CampaignPlanningFlowTests.pricingOwner)
        try await server.run { api in
            let id = try await Self.approvedCampaign(api, manager: manager)
            for request in try await api.children(of: id).compactMap({ $0["id"]?.stringValue }) {
                _ = try await api.advance(request, "confirm", fields: #"{"details":"Arranged"}"#)
            }
            _ = try await api.advance(id, "start_execution", token: planner)
            try await CampaignPlanningFlowTests.signOffPricing(api, id, token: pricing)

            let unchecked = try await api.fire(id, "go_live", token: planner)
            #expect(unchecked.status == .unprocessableContent)
            #expect(unchecked.errorList("missing_fields") == ["compliance_checked"])
            let failed = try await api.fire(id, "go_live", fields: #"{"compliance_checked":false}"#, token: planner)
            #expect(
                failed.errorDetail("condition")?.stringValue?.hasPrefix("compliance_checked and") == true,
                "a failed check does not go live")
            let live = try await api.advance(
                id, "go_live", fields: #"{"compliance_checked":true}"#, token: planner)
            #expect(live["state"] == "live")

            let untick = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"compliance_checked":false}}"#, token: planner)
            #expect(untick.errorCode == "locked_field", "the check stands once live")

            let byMember = try await api.fire(id, "halt", fields: #"{"halt_reason":"x"}"#, token: planner)
            #expect(byMember.status == .forbidden)
            let noReason = try await api.fire(id, "halt", token: manager)
            #expect(noReason.errorList("missing_fields") == ["halt_reason"])
            let halted = try await api.advance(
                id, "halt",
                fields: #"{"halt_reason":"划线价 on 40 SKUs above the 7-day price: pulled pending a price-law review"}"#,
                token: manager)
            #expect(halted["state"] == "halted")
            #expect(halted["closed_at"]?.stringValue != nil, "a halted campaign is finished")
            let afterwards = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"target":1}}"#)
            #expect(afterwards.errorCode == "locked_field", "what it was approved for stays on record")
        }
    }

    @Test func anAcceptedRiskIsFrozenUntilItIsReassessed() async throws {
        try await TestServer.make().run { api in
            let id = try #require(
                try await api.create(
                    #"{"workflow":"risk-review","title":"库存积压: 冬季羽绒服","fields":{"risk":"Warm winter","category":"inventory","likelihood":3,"impact":3}}"#
                )["id"]?.stringValue)
            _ = try await api.advance(id, "assess")
            let accepted = try await api.advance(
                id, "accept",
                fields: #"{"strategy":"spread","mitigation":"Three warehouses","contingency":"Clearance"}"#)
            #expect(accepted["state"] == "accepted")

            let rescored = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"likelihood":5,"impact":5}}"#)
            #expect(rescored.status == .conflict)
            #expect(rescored.errorCode == "locked_field")
            #expect(rescored.errorDetail("field") == "impact")
            #expect(rescored.errorDetail("state") == "accepted")
            #expect(rescored.errorList("transitions") == ["reassess", "rereview"])
            let strategy = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"strategy":"transfer"}}"#)
            #expect(strategy.errorCode == "locked_field")
            let notes = try await api.send(
                .patch, "/v1/tasks/\(id)", body: #"{"fields":{"mitigation":"Three warehouses; pre-sale 30%"}}"#)
            #expect(notes.status == .ok, "the plan's text can still be kept up to date")

            let reassessed = try await api.advance(id, "reassess", fields: #"{"likelihood":5,"impact":4}"#)
            #expect(reassessed["state"] == "identified")
            #expect(reassessed["fields"]?["score"] == 20, "reassess carries the new assessment")
            #expect(try await api.advance(id, "assess")["state"] == "awaiting_approval", "and it is routed afresh")
        }
    }

    @Test func aComplianceRiskAlwaysGoesThroughTheComplianceReview() async throws {
        let server = try await TestServer.make()
        let reviewer = try await server.mint(.member, teams: ["risk"], name: "compliance-liu")
        try await server.run { api in
            let created = try await api.create(
                #"{"workflow":"risk-review","title":"赠品标注","fields":{"risk":"Gift-with-purchase terms not shown on the product page","category":"compliance","likelihood":1,"impact":2}}"#
            )
            let id = try #require(created["id"]?.stringValue)
            #expect(created["fields"]?["score"] == 2)
            let assessed = try await api.advance(id, "assess")
            #expect(assessed["state"] == "awaiting_approval", "whatever its score: the manager names the reviewer")
            #expect(JSONValue.object(assessed).clock("assessment")?["state"] == "met", "being assessed stops the clock")
            let approved = try await api.advance(id, "approve", fields: #"{"compliance_reviewer":"compliance-liu"}"#)
            #expect(approved["state"] == "compliance_review")
            let cleared = try await api.advance(
                id, "clear_compliance",
                fields: #"{"compliance_notes":"《广告法》第十九条: gift terms must be shown","compliant":true}"#,
                token: reviewer)
            #expect(cleared["state"] == "choosing_strategy")

            let other = try #require(
                try await api.create(
                    #"{"workflow":"risk-review","title":"Low","fields":{"risk":"x","category":"market","likelihood":1,"impact":2}}"#
                )["id"]?.stringValue)
            #expect(try await api.advance(other, "assess")["state"] == "choosing_strategy")
            _ = try await api.send(.patch, "/v1/tasks/\(other)", body: #"{"fields":{"category":"compliance"}}"#)
            let accept = try await api.fire(
                other, "accept", fields: #"{"strategy":"avoid","mitigation":"m","contingency":"c"}"#)
            #expect(accept.errorCode == "guard_failed", "a risk recategorised as compliance is not accepted unreviewed")
        }
    }

    @Test func aResolvedComplaintNobodyRatesClosesByItselfAndCountsApart() async throws {
        let time = TestTime()
        let server = try await TestServer.make(time: time)
        try await RunningScheduler.with(server.database, time: time) { running in
            try await server.run { api in
                let unrated = try await api.createComplaint(title: "Parcel late", customer: "王芳")
                let rated = try await api.createComplaint(title: "Wrong size", customer: "李雷")
                for id in [unrated, rated] {
                    _ = try await api.advance(id, "investigate")
                    _ = try await api.advance(id, "resolve", fields: #"{"resolution":"Re-shipped"}"#)
                }
                _ = try await api.send(.patch, "/v1/tasks/\(rated)", body: #"{"fields":{"satisfaction":4}}"#)

                await running.advance(by: .seconds(7 * 86_400 - 60))
                #expect(try await api.task(unrated)["state"] == "resolved", "a week to rate it")
                await running.advance(by: .seconds(60))
                let closed = try await running.until({ try await api.task(unrated) }) {
                    $0["state"] == "closed_unrated"
                }
                #expect(closed["closed_at"]?.stringValue != nil)
                #expect(closed["fields"]?["satisfaction"] == nil, "no rating is made up")
                let events = try await running.until({
                    try await api.send(.get, "/v1/tasks/\(rated)/events").lines
                }) { $0.contains { $0["type"] == "timer_failed" } }
                #expect(
                    events.last { $0["type"] == "timer_failed" }?["data"]?["transition"] == "close_unrated",
                    "a rated complaint is closed by a person, who reads the rating")
                #expect(try await api.task(rated)["state"] == "resolved")
                _ = try await api.advance(rated, "close")

                let flow = try await api.send(.get, "/v1/reports/flow?workflow=complaint-escalation")
                let finals = flow.lines.filter { $0["final"] == true }
                #expect(finals.compactMap { $0["state"]?.stringValue } == ["closed", "closed_unrated"])
                #expect(finals.allSatisfy { $0["tasks"] == 1 && $0["total_s"] == 0 })
                #expect(flow.lines.last?["state"] == "closed_unrated", "the final states come last")
                let resolved = flow.lines.first { $0["state"] == "resolved" }
                #expect(resolved?["final"] == false && resolved?["tasks"] == 2)
            }
        }
    }
}

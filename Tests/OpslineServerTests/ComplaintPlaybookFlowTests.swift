import Foundation
import TestSupport
import Testing

@testable import Workflow

/// The complaint playbook's edges through the HTTP API: the customer's rating from an outside
/// survey service, goods sent back for a return, repair or warranty claim, an improvement raised
/// from the root cause, and a customer's history of complaints.
@Suite struct ComplaintPlaybookFlowTests {
    @Test func aSurveyServicePostsTheRatingAndAnUnhappyCustomerGetsACall() async throws {
        let server = try await TestServer.make()
        let survey = try await server.mint(.service, teams: ["support"], name: "survey-service")
        let agent = try await server.mint(.member, teams: ["support"], name: "agent-li")
        try await server.run { api in
            let happy = try await ComplaintEscalationFlowTests.resolvedComplaint(api)
            let byAgent = try await api.fire(happy, "record_survey", fields: #"{"satisfaction":5}"#, token: agent)
            #expect(byAgent.status == .forbidden)
            #expect(byAgent.errorList("allowed_roles") == ["service"])
            let closed = try await api.advance(happy, "record_survey", fields: #"{"satisfaction":5}"#, token: survey)
            #expect(closed["state"] == "closed")
            #expect(closed["fields"]?["satisfaction"] == 5)

            let unhappy = try await ComplaintEscalationFlowTests.resolvedComplaint(api)
            let called = try await api.advance(unhappy, "record_survey", fields: #"{"satisfaction":2}"#, token: survey)
            #expect(called["state"] == "follow_up")
            #expect(JSONValue.object(called).clock("follow_up")?["state"] == "running")
        }
    }

    @Test func goodsSentBackPauseTheResolutionClockUntilTheyArrive() async throws {
        try await TestServer.make().run { api in
            let id = try #require(try await api.create(ComplaintEscalationFlowTests.complaintLine)["id"]?.stringValue)
            _ = try await api.advance(id, "investigate")
            let noRemedy = try await api.fire(id, "request_goods")
            #expect(noRemedy.errorList("missing_fields") == ["remedy"])
            let refund = try await api.fire(id, "request_goods", fields: #"{"remedy":"refund"}"#)
            #expect(refund.errorCode == "guard_failed", "a refund needs no goods back")
            let waiting = try await api.advance(id, "request_goods", fields: #"{"remedy":"repair"}"#)
            #expect(waiting["state"] == "awaiting_return")
            #expect(JSONValue.object(waiting).clock("resolution")?["state"] == "paused", "the customer's time")
            let untracked = try await api.fire(id, "goods_received")
            #expect(untracked.errorList("missing_fields") == ["return_tracking"])
            let back = try await api.advance(id, "goods_received", fields: #"{"return_tracking":"SF1234567890"}"#)
            #expect(back["state"] == "investigating")
            #expect(JSONValue.object(back).clock("resolution")?["state"] == "running")
        }
    }

    @Test func aRootCauseBecomesAnImprovementLinkedToTheComplaint() async throws {
        try await TestServer.make().run { api in
            let id = try await ComplaintEscalationFlowTests.resolvedComplaint(api)
            let unclassified = try await api.fire(id, "raise_improvement")
            #expect(unclassified.errorList("missing_fields") == ["root_cause_category"])
            let raised = try await api.advance(
                id, "raise_improvement", fields: #"{"root_cause_category":"logistics"}"#)
            #expect(raised["state"] == "improvement_raised")
            let improvements = try await api.children(of: id)
            #expect(improvements.map { $0["workflow"] } == ["improvement"])
            #expect(improvements.first?["team"] == "quality")
            let improvement = try #require(improvements.first?["id"]?.stringValue)
            #expect(try await api.task(improvement)["links"]?.arrayValue?.first?["type"] == "caused_by")
            #expect(try await api.advance(id, "improvement_noted")["state"] == "resolved")
            #expect(try await api.advance(id, "close", fields: #"{"satisfaction":4}"#)["state"] == "closed")

            let byCause = try await api.send(
                .get, "/v1/reports/breakdown?workflow=complaint-escalation&by=root_cause_category"
            ).lines
            #expect(byCause.map { $0["group"]?["root_cause_category"] } == ["logistics"])
        }
    }

    @Test func aCustomersHistoryIsTheirComplaints() async throws {
        try await TestServer.make().run { api in
            _ = try await api.create(ComplaintEscalationFlowTests.complaintLine)
            _ = try await api.create(ComplaintEscalationFlowTests.complaintLine)
            _ = try await api.create(
                #"{"workflow":"complaint-escalation","title":"Other","fields":{"customer":"李雷","tier":"vip"}}"#)
            let history = try await api.send(
                .get, "/v1/tasks?workflow=complaint-escalation&field.customer=%E7%8E%8B%E8%8A%B3"
            ).lines
            #expect(history.count == 2)
            let vip = try await api.send(.get, "/v1/tasks?workflow=complaint-escalation&field.tier=vip").lines
            #expect(vip.map { $0["fields"]?["customer"] } == ["李雷"])
        }
    }

    @Test func aVIPsComplaintIsResolvedTwiceAsFastAndATierChangeRetargetsIt() async throws {
        try await TestServer.make().run { api in
            let created = try await api.create(
                #"{"workflow":"complaint-escalation","title":"VIP","fields":{"customer":"李雷","tier":"vip","severity":"p2"}}"#
            )
            let id = try #require(created["id"]?.stringValue)
            #expect(JSONValue.object(created).clock("resolution")?["target_s"] == 14_400, "p2 for a VIP: four hours")
            let patched = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"tier":"standard"}}"#)
            #expect(patched.status == .ok)
            #expect(JSONValue.object(patched.object).clock("resolution")?["target_s"] == 32_400, "nine support hours")
        }
    }

    @Test func aClosedComplaintGetsItsRoutineFollowUpCallThreeSupportDaysAfterTheRating() async throws {
        // Wednesday 2026-12-02, 10:00 in Shanghai.
        let time = TestTime(start: RFC3339.parse("2026-12-02T02:00:00Z")!)
        let server = try await TestServer.make(time: time)
        try await server.run { api in
            let id = try await ComplaintEscalationFlowTests.resolvedComplaint(api)
            let closed = try await api.advance(id, "close", fields: #"{"satisfaction":4}"#)
            #expect(closed["fields"]?["rated_on"] == "2026-12-02", "stamped with the day of the rating")
            let calls = try await api.children(of: id)
            #expect(calls.map { $0["workflow"] } == ["follow-up-call"])
            let call = try await api.task(try #require(calls.first?["id"]?.stringValue))
            // Three support days on (Saturday has support hours): Saturday 2026-12-05.
            #expect(call["fields"]?["call_on"] == "2026-12-05")
            #expect(
                JSONValue.object(call).clock("call_by")?["due_at"] == "2026-12-05T08:00:00.000Z", "16:00 in Shanghai")
            let stamped = try await api.fire(id, "reopen")
            #expect(stamped.status == .conflict, "a closed complaint stays closed; the call reopens nothing itself")
        }
    }
}

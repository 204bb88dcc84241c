import Foundation
import Testing
import Workflow

/// `workflows/complaint-escalation.yaml` through the HTTP API: a complaint from social media is
/// investigated, waits on the customer, is resolved, closed only with the customer's satisfaction,
/// reopened, and followed up by phone when the customer was unhappy.
@Suite struct ComplaintEscalationFlowTests {
    static let complaintLine = #"""
        {"workflow":"complaint-escalation","title":"双11 订单 7 天未发货","fields":{"customer":"王芳","contact":"wx: wangfang_1988","channel":"social","severity":"p2","category":"delivery","order_id":"JD-20261111-88231"}}
        """#

    /// Creates the complaint and walks it to `resolved`.
    static func resolvedComplaint(_ api: APIClient) async throws -> String {
        let id = try #require(try await api.create(complaintLine)["id"]?.stringValue)
        _ = try await api.advance(id, "acknowledge")
        _ = try await api.advance(id, "investigate")
        _ = try await api.advance(
            id, "resolve",
            fields:
                #"{"root_cause":"Parcel stuck at the 嘉兴 hub after a scanner fault","resolution":"Re-shipped by 顺丰 express; ¥20 voucher","compensation":20}"#
        )
        return id
    }

    @Test func aComplaintWaitsOnTheCustomerAndIsResolvedWithAResolution() async throws {
        let server = try await TestServer.make()
        try await server.run { api in
            let created = try await api.create(Self.complaintLine)
            let id = try #require(created["id"]?.stringValue)
            #expect(id.hasPrefix("CMP-"))
            #expect(created["fields"]?["channel"] == "social")
            #expect(created["fields"]?["category"] == "delivery")

            #expect(JSONValue.object(created).clock("first_response")?["state"] == "running")
            #expect(JSONValue.object(created).clock("first_response")?["target_s"] == 7_200, "p2: two support hours")

            let acknowledged = try await api.advance(id, "acknowledge")
            #expect(JSONValue.object(acknowledged).clock("first_response")?["state"] == "met")
            _ = try await api.advance(id, "investigate")
            let waiting = try await api.advance(id, "ask_customer")
            #expect(waiting["state"] == "waiting_on_customer")
            #expect(JSONValue.object(waiting).clock("resolution")?["state"] == "paused", "customer time does not count")
            let timers = try await server.database.tasks.timers(of: id)
            #expect(timers.map(\.fire) == ["close_unanswered"], "an unanswered question closes the complaint later")

            let replied = try await api.advance(id, "customer_replied")
            #expect(replied["state"] == "investigating")
            #expect(JSONValue.object(replied).clock("resolution")?["state"] == "running")
            #expect(try await server.database.tasks.timers(of: id).isEmpty, "the reply stops the timer")

            let noResolution = try await api.fire(id, "resolve")
            #expect(noResolution.status == .unprocessableContent)
            #expect(noResolution.errorList("missing_fields") == ["resolution"])
            let resolved = try await api.advance(
                id, "resolve", fields: #"{"resolution":"Re-shipped by 顺丰 express; ¥20 voucher","compensation":20}"#)
            #expect(resolved["state"] == "resolved")
            #expect(resolved["closed_at"] == .null, "resolved is not closed yet")
        }
    }

    @Test func closingNeedsASatisfactionScore() async throws {
        try await TestServer.make().run { api in
            let id = try await Self.resolvedComplaint(api)

            let unscored = try await api.fire(id, "close")
            #expect(unscored.status == .unprocessableContent)
            #expect(unscored.errorCode == "guard_failed")
            #expect(unscored.errorList("missing_fields") == ["satisfaction"])
            let outOfRange = try await api.fire(id, "close", fields: #"{"satisfaction":6}"#)
            #expect(outOfRange.status == .unprocessableContent)
            #expect(outOfRange.errorCode == "validation_failed")
            #expect(try await api.task(id)["state"] == "resolved")

            let closed = try await api.advance(id, "close", fields: #"{"satisfaction":5}"#)
            #expect(closed["state"] == "closed")
            #expect(closed["fields"]?["satisfaction"] == 5)
            #expect(closed["closed_at"]?.stringValue != nil)

            let afterClose = try await api.fire(id, "reopen")
            #expect(afterClose.status == .conflict, "a closed complaint is final; a new one is opened instead")
            #expect(afterClose.errorCode == "invalid_transition")
        }
    }

    @Test func aResolvedComplaintCanBeReopened() async throws {
        try await TestServer.make().run { api in
            let id = try await Self.resolvedComplaint(api)

            let reopened = try await api.send(
                .post, "/v1/tasks/\(id)/transitions",
                body: #"{"transition":"reopen","note":"The re-shipped parcel arrived with a cracked screen"}"#)
            #expect(reopened.status == .ok)
            #expect(reopened.object["state"] == "investigating")
            #expect(reopened.object["closed_at"] == .null)

            let again = try await api.advance(
                id, "resolve", fields: #"{"resolution":"Replacement unit sent; full refund of shipping"}"#)
            #expect(again["state"] == "resolved")
            let history = try await api.send(.get, "/v1/tasks/\(id)/events")
            let moves = history.lines.compactMap { $0["data"]?["transition"]?.stringValue }
            #expect(moves == ["acknowledge", "investigate", "resolve", "reopen", "resolve"])
            #expect(
                history.lines.contains { $0["data"]?["note"] == "The re-shipped parcel arrived with a cracked screen" })
        }
    }

    @Test func anUnhappyCustomerGetsAFollowUpCallBeforeClosing() async throws {
        try await TestServer.make().run { api in
            let id = try await Self.resolvedComplaint(api)

            let unhappy = try await api.fire(id, "close", fields: #"{"satisfaction":2}"#)
            #expect(unhappy.status == .unprocessableContent)
            #expect(unhappy.errorDetail("condition") == "satisfaction >= 3 or follow_up_notes is not null")

            let calling = try await api.advance(id, "schedule_follow_up", fields: #"{"satisfaction":2}"#)
            #expect(calling["state"] == "follow_up")
            let noNotes = try await api.fire(id, "follow_up_done")
            #expect(noNotes.errorList("missing_fields") == ["follow_up_notes"])
            let called = try await api.advance(
                id, "follow_up_done",
                fields:
                    #"{"follow_up_notes":"回访 12-02: still unhappy with the courier, accepts the voucher and apology"}"#)
            #expect(called["state"] == "resolved")
            let closed = try await api.advance(id, "close")
            #expect(closed["state"] == "closed", "a low score closes once the customer was called back")
            #expect(closed["fields"]?["satisfaction"] == 2)
        }
    }
}

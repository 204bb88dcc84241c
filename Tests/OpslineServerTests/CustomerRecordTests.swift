import Foundation
import TestSupport
import Testing
@testable import Workflow

/// The customer on file (`workflows/customer.yaml`) and the complaint's `tier`, a lookup field:
/// a complaint takes its customer's tier from the record when it is opened or its customer
/// changes, and the tier selects the resolution goal.
@Suite struct CustomerRecordTests {
    static func complaint(_ customer: String, tier: String? = nil, severity: String = "p2") -> String {
        let given = tier.map { #","tier":"\#($0)""# } ?? ""
        return
            #"{"workflow":"complaint-escalation","title":"Complaint","fields":{"customer":"\#(customer)","severity":"\#(severity)"\#(given)}}"#
    }

    static func onFile(_ customer: String, tier: String) -> String {
        #"{"workflow":"customer","title":"\#(customer)","fields":{"customer":"\#(customer)","tier":"\#(tier)"}}"#
    }

    @Test func aComplaintTakesItsCustomersTierAndTheTierItsGoal() async throws {
        try await TestServer.make().run { api in
            let record = try await api.create(Self.onFile("李雷", tier: "vip"))
            #expect(record["id"]?.stringValue == "CUS-1")

            let vip = try await api.create(Self.complaint("李雷"))
            #expect(vip["fields"]?["tier"] == "vip", "from the record")
            #expect(JSONValue.object(vip).clock("resolution")?["target_s"] == 14_400, "p2 for a VIP: four hours")
            let overridden = try await api.create(Self.complaint("李雷", tier: "standard"))
            #expect(overridden["fields"]?["tier"] == "vip", "the record wins over the tier given")

            // Not on file: the tier given, or the default.
            let member = try await api.create(Self.complaint("韩梅梅", tier: "member"))
            #expect(member["fields"]?["tier"] == "member")
            let unknown = try await api.create(Self.complaint("Jim"))
            #expect(unknown["fields"]?["tier"] == "standard")
            #expect(JSONValue.object(unknown).clock("resolution")?["target_s"] == 32_400, "nine support hours")

            // The complaint was filed under the wrong customer: correcting it takes the right tier
            // and retargets the clock.
            let id = try #require(unknown["id"]?.stringValue)
            let corrected = try await api.send(.patch, "/v1/tasks/\(id)", body: #"{"fields":{"customer":"李雷"}}"#)
            #expect(corrected.status == .ok)
            #expect(corrected.object["fields"]?["tier"] == "vip")
            #expect(JSONValue.object(corrected.object).clock("resolution")?["target_s"] == 14_400)

            // An archived customer is looked up no more; the complaints opened keep their tier.
            let recordID = try #require(record["id"]?.stringValue)
            _ = try await api.advance(recordID, "archive")
            let afterArchive = try await api.create(Self.complaint("李雷"))
            #expect(afterArchive["fields"]?["tier"] == "standard")
            #expect(try await api.task(id)["fields"]?["tier"] == "vip")
        }
    }

    @Test func aBatchLooksUpEachLinesCustomerAndSeesARecordAnEarlierLineFiled() async throws {
        try await TestServer.make().run { api in
            _ = try await api.create(Self.onFile("李雷", tier: "vip"))
            _ = try await api.create(Self.onFile("韩梅梅", tier: "member"))
            let lines = [
                Self.complaint("李雷"), Self.complaint("韩梅梅"), Self.complaint("Jim"), Self.complaint("李雷"),
                Self.onFile("Jim", tier: "vip"), Self.complaint("Jim"),
            ]
            let body = lines.map { "{\"op\":\"create\"," + $0.dropFirst() }.joined(separator: "\n")
            let reply = try await api.send(.post, "/v1/events", body: body)
            #expect(reply.lines.map { $0["status"] } == [201, 201, 201, 201, 201, 201], "\(reply.text)")
            #expect(
                reply.lines.map { $0["task"]?["fields"]?["tier"]?.stringValue }
                    == ["vip", "member", "standard", "vip", "vip", "vip"], "\(reply.text)")
        }
    }
}

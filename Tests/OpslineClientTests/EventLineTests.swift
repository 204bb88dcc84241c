import Foundation
import Testing

@testable import OpslineClient

@Suite struct EventLineTests {
    @Test func theEventLineOfTheAPIContractDecodes() throws {
        let event = try JSONDecoder().decode(EventLine.self, from: Data(APILines.event.utf8))
        #expect(
            event
                == EventLine(
                    seq: 1234, at: APILines.time("2026-11-22T09:30:00Z"), task: "CMP-42",
                    type: "transitioned",
                    actor: "alice",
                    data: [
                        "transition": "investigate", "from": "acknowledged", "to": "investigating",
                        "note": "Called the customer",
                    ]))
    }

    @Test func anEventWithoutActorOrDataDecodes() throws {
        let line = #"{"seq":7,"at":"2026-11-22T09:30:00Z","task":"CMP-42","type":"sla_breached"}"#
        let event = try JSONDecoder().decode(EventLine.self, from: Data(line.utf8))
        #expect(event.actor == nil)
        #expect(event.data.isEmpty)
    }

    @Test func encodingRoundTrips() throws {
        let event = try JSONDecoder().decode(EventLine.self, from: Data(APILines.event.utf8))
        let encoded = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(EventLine.self, from: encoded) == event)
    }
}

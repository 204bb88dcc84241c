import Foundation
import Testing
import Workflow

@testable import OpslineClient

@Suite struct HistoryViewTests {
    func event(_ type: String, actor: String? = "alice", data: [String: JSONValue]) -> EventLine {
        EventLine(
            seq: 9, at: APILines.time("2026-11-22T09:30:00Z"), task: "CMP-42", type: type,
            actor: actor, data: data)
    }

    @Test func aMoveReadsFromStateToStateWithTheTransitionAndNote() throws {
        let moved = try JSONDecoder().decode(EventLine.self, from: Data(APILines.event.utf8))
        #expect(
            HistoryView.detail(moved)
                == "acknowledged → investigating (investigate) — Called the customer")
    }

    @Test func aCommentIsItsText() {
        #expect(
            HistoryView.detail(event("commented", data: ["text": "Called the customer"]))
                == "Called the customer")
    }

    @Test func otherEventsListTheirDataInKeyOrder() {
        let breached = event(
            "sla_breached", actor: nil, data: ["policy": "resolution", "escalation_level": 1])
        #expect(HistoryView.detail(breached) == "escalation_level=1 policy=resolution")
    }

    @Test func theHistoryTableShowsSeqTimeTypeActorAndDetail() {
        let events = [
            EventLine(
                seq: 8, at: APILines.time("2026-11-22T08:00:00Z"), task: "CMP-42", type: "created",
                actor: "alice"),
            EventLine(
                seq: 1234, at: APILines.time("2026-11-22T09:30:00Z"), task: "CMP-42",
                type: "sla_breached", data: ["policy": "resolution"]),
        ]
        #expect(
            HistoryView.render(events) == """
                 SEQ  AT                    TYPE          ACTOR  DETAIL
                   8  2026-11-22T08:00:00Z  created       alice
                1234  2026-11-22T09:30:00Z  sla_breached  -      policy=resolution

                """)
    }
}

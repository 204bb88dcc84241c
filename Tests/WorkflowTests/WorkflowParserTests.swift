import Foundation
import Testing

@testable import Workflow

@Suite("Parsing workflow files")
struct WorkflowParserTests {
    @Test func theShippedComplaintWorkflowLoads() throws {
        let workflow = try Fixtures.complaint()
        #expect(workflow.name == "complaint-escalation")
        #expect(workflow.title == "Customer complaint")
        #expect(workflow.key == "CMP")
        #expect(workflow.team == "support")
        #expect(workflow.calendar == "support-hours")
        #expect(workflow.initialState.name == "received")
    }

    @Test func fieldsStatesAndTransitionsKeepFileOrder() throws {
        let workflow = try Fixtures.complaint()
        #expect(
            workflow.fields.map(\.name) == [
                "customer", "channel", "severity", "order_id", "resolution", "satisfaction", "contact",
                "category", "root_cause", "compensation", "follow_up_notes", "tier", "root_cause_category", "remedy",
                "return_tracking", "resolved_by", "rated_on",
            ])
        #expect(
            workflow.states.map(\.name) == [
                "received", "acknowledged", "investigating", "waiting_on_customer", "resolved", "follow_up",
                "awaiting_return", "improvement_raised", "closed", "closed_unanswered", "closed_unrated",
            ])
        #expect(
            workflow.transitions.map(\.name) == [
                "acknowledge", "investigate", "ask_customer", "customer_replied", "resolve", "reopen",
                "close", "schedule_follow_up", "record_survey", "request_goods", "goods_received", "raise_improvement",
                "improvement_noted", "follow_up_done", "close_unanswered", "close_unrated",
            ])
    }

    @Test func fieldDeclarationsCarryTypesDefaultsAndLimits() throws {
        let workflow = try Fixtures.complaint()
        #expect(
            workflow.field(named: "customer")
                == FieldDefinition(name: "customer", type: .string, required: true))
        #expect(workflow.field(named: "severity")?.type == .enumeration(["p1", "p2", "p3"]))
        #expect(workflow.field(named: "severity")?.defaultValue == "p3")
        #expect(workflow.field(named: "channel")?.defaultValue == "email")
        #expect(workflow.field(named: "satisfaction")?.min == 1)
        #expect(workflow.field(named: "satisfaction")?.max == 5)
        #expect(workflow.field(named: "nonexistent") == nil)
    }

    @Test func statesKnowWhetherTheyAreFinalAndHaveTitles() throws {
        let workflow = try Fixtures.complaint()
        #expect(workflow.state(named: "closed")?.isFinal == true)
        #expect(workflow.state(named: "resolved")?.isFinal == false)
        #expect(workflow.state(named: "waiting_on_customer")?.title == "Waiting on customer")
    }

    @Test func transitionsAcceptOneOrSeveralSourceStates() throws {
        let workflow = try Fixtures.complaint()
        #expect(workflow.transition(named: "acknowledge")?.from == ["received"])
        #expect(workflow.transition(named: "investigate")?.from == ["received", "acknowledged"])
        #expect(workflow.transition(named: "close")?.guards.require == ["satisfaction"])
        #expect(workflow.transition(named: "close")?.to == .state("closed"))
    }

    @Test func slaPoliciesAreParsedWithKeyedTargetsAndEscalations() throws {
        let workflow = try Fixtures.complaint()
        #expect(workflow.slas.map(\.name) == ["first_response", "resolution", "follow_up"])
        let resolution = workflow.slas[1]
        #expect(resolution.start == .created)
        #expect(resolution.pause == ["waiting_on_customer", "awaiting_return"])
        #expect(resolution.stop == ["resolved", "closed", "closed_unanswered"])
        #expect(resolution.warnPercent == 80)
        #expect(resolution.target.duration(for: ["severity": "p2"]) == WorkDuration(parsing: "9h"))
        #expect(resolution.target.duration(for: ["severity": "p2", "tier": "vip"]) == WorkDuration(parsing: "4h"))
        #expect(resolution.calendar == .keyed(field: "severity", calendars: ["p1": "24x7"], fallback: "support-hours"))
        #expect(resolution.target.duration(for: [:]) == nil)
        #expect(
            resolution.escalations == [
                EscalationLevel(
                    after: WorkDuration(seconds: 0), team: "support-l2", priority: .raise, notify: ["support-l2-oncall"]
                ),
                EscalationLevel(
                    after: WorkDuration(seconds: 7_200), team: "support-managers", priority: .set("p1"),
                    notify: ["support-managers"]),
            ])
        #expect(resolution.notify == SLAPolicy.Notify(breach: ["support-managers"]))
    }

    @Test func slaClocksMayStartOnEnteringStatesAndUseFixedTargets() throws {
        let workflow = try WorkflowParser.parse(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open: {initial: true}
              working: {}
              done: {final: true}
            transitions:
              start: {from: open, to: working}
              finish: {from: working, to: done}
            slas:
              work:
                start: {enter: [working]}
                stop: {enter: [done]}
                target: 1d4h
                escalate:
                  - {after: 1h, assignee: alice, fire: finish}
            """,
            file: "demo.yaml"
        )
        let work = try #require(workflow.slas.first)
        #expect(work.start == .entering(["working"]))
        #expect(work.target == .fixed(WorkDuration(seconds: 100_800)))
        #expect(work.warnPercent == nil)
        #expect(work.escalations.first?.fire == "finish")
        #expect(work.escalations.first?.assignee == "alice")
        #expect(workflow.title == "demo")
    }

    @Test func listAndDateFieldsParseWithTheirDefaults() throws {
        let workflow = try WorkflowParser.parse(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              tags: {type: list, items: string, default: [urgent, vip]}
              region: {type: list, items: {type: enum, values: [north, south]}}
              due: {type: date, default: 2026-10-01}
              budget: {type: decimal, min: 0.5}
              code: {type: string, default: 42}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """,
            file: "demo.yaml"
        )
        #expect(workflow.field(named: "tags")?.type == .list(.string))
        #expect(workflow.field(named: "tags")?.defaultValue == ["urgent", "vip"])
        #expect(workflow.field(named: "region")?.type == .list(.enumeration(["north", "south"])))
        #expect(workflow.field(named: "due")?.defaultValue == "2026-10-01")
        #expect(workflow.field(named: "budget")?.min == 0.5)
        #expect(workflow.field(named: "code")?.defaultValue == "42")
    }
}

extension WorkflowParserTests {
    @Test func theReferenceExampleInTheDocsLoads() throws {
        let docs = URL(fileURLWithPath: Fixtures.complaintPath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/workflows.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let example = try #require(text.components(separatedBy: "```yaml\n").dropFirst().first)
        let source = try #require(example.components(separatedBy: "```").first)
        let workflow = try WorkflowParser.parse(source, file: "docs/workflows.md")
        #expect(workflow.name == "risk-review")
        #expect(workflow.timers.map(\.fire) == ["rereview"])
        #expect(workflow.lockedFields(in: "mitigated") == ["likelihood", "impact"])
    }
}

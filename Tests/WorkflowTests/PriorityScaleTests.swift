import Testing

@testable import Workflow

@Suite("Priority scales")
struct PriorityScaleTests {
    /// A workflow whose `priority:` section (if any) is on line 6, and whose clock escalates with
    /// `level` on line 20.
    private static func workflow(_ section: String, level: String = "{after: 0, priority: raise}") -> String {
        """
        workflow: demo
        key: DEM
        team: support
        calendar: 24x7
        states: {open: {initial: true}, done: {final: true}}
        \(section)
        fields:
          severity: {type: enum, values: [p1, p2, p3], default: p3}
          channel: {type: enum, values: [phone, email]}
          score: {type: int}
        transitions:
          close: {from: open, to: done}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: 1h
            escalate:
              - {after: 0, team: support-l2}
              - \(level)
        """
    }

    private static func problems(_ section: String, level: String = "{after: 1h, priority: raise}") -> [String] {
        do throws(WorkflowLoadErrors) {
            _ = try WorkflowParser.parse(Self.workflow(section, level: level), file: "demo.yaml")
            return []
        } catch {
            return error.errors.map { "\($0.line): \($0.message)" }
        }
    }

    @Test func aScaleListsThePrioritiesMostUrgentFirstWithADefault() throws {
        let workflow = try WorkflowParser.parse(
            Self.workflow("priority: {values: [urgent, high, normal, low], default: normal}"), file: "demo.yaml")
        let scale = try #require(workflow.priority)
        #expect(scale.values == ["urgent", "high", "normal", "low"])
        #expect(scale.defaultValue == "normal")
        #expect(scale.raised("low") == "normal")
        #expect(scale.raised("high") == "urgent")
        #expect(scale.raised("urgent") == "urgent", "the most urgent stays")
        #expect(scale.raised(nil) == nil && scale.raised("p2") == "p2", "nothing, or an old value, is kept")
        #expect(scale.problem("high") == nil)
        #expect(scale.problem("p1") == "'p1' is not a priority of this workflow; use one of urgent, high, normal, low")
    }

    @Test func aScaleMayFollowAnEnumField() throws {
        let workflow = try WorkflowParser.parse(
            Self.workflow("priority: {values: [p1, p2, p3, p4], default: p4, from: severity}"), file: "demo.yaml")
        let scale = try #require(workflow.priority)
        #expect(scale.field == "severity")
        #expect(scale.initial(fields: ["severity": "p1"]) == "p1")
        #expect(scale.initial(fields: [:]) == "p4", "no value: the default")
        #expect(scale.followed(from: ["severity": "p3"], to: ["severity": "p2"]) == "p2")
        #expect(scale.followed(from: ["severity": "p3"], to: ["severity": "p3", "score": 4]) == nil, "untouched")
    }

    @Test(
        arguments: [
            ("from: urgency", "6: priority from unknown field 'urgency'"),
            ("from: score", "6: priority from field 'score', which is int; it must be an enum field"),
            (
                "from: channel",
                "6: priority from field 'channel': its value(s) phone, email are not priorities (p1, p2, p3)"
            ),
        ])
    func aFieldThePriorityCannotFollowIsRefused(from: String, expected: String) {
        let found = Self.problems("priority: {values: [p1, p2, p3], \(from)}")
        #expect(found == [expected], "\(found)")
    }

    @Test func withoutAScaleAnyPriorityIsTaken() throws {
        let workflow = try WorkflowParser.parse(Self.workflow(""), file: "demo.yaml")
        #expect(workflow.priority == nil)
        #expect(EscalationLevel.PriorityChange.raise.applied(to: "p3", on: nil) == "p2")
    }

    @Test(
        arguments: [
            ("priority: {values: []}", "6: priority values must not be empty"),
            ("priority: {values: [p1, p2, p1]}", "6: priority value 'p1' is listed twice"),
            ("priority: {values: [P1]}", "6: priority value 'P1' must start with a-z and use only a-z, 0-9 and '_'"),
            ("priority: {values: [p1, p2], default: p3}", "6: priority default 'p3' is not one of the values (p1, p2)"),
            ("priority: {default: p3}", "6: priority is missing 'values'"),
            ("priority: [p1, p2]", "6: 'priority' must be a mapping of keys to values"),
        ])
    func aBadScaleIsRefusedOnItsLine(section: String, expected: String) {
        let found = Self.problems(section)
        #expect(found.count == 1 && found.first?.hasPrefix(expected) == true, "\(found)")
    }

    @Test func anEscalationSetsOnlyAPriorityOfTheScale() {
        let found = Self.problems("priority: {values: [p1, p2, p3]}", level: "{after: 1h, priority: p0}")
        #expect(
            found == [
                "20: sla 'response' escalation level 2 sets priority 'p0' is not a priority of this workflow; "
                    + "use one of p1, p2, p3"
            ], "\(found)")
        #expect(Self.problems("priority: {values: [p1, p2, p3]}", level: "{after: 1h, priority: p1}").isEmpty)
        #expect(Self.problems("", level: "{after: 1h, priority: p0}").isEmpty, "without a scale, any text")
    }
}

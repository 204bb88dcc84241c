import Testing

@testable import Workflow

/// SLA goals: `target:` as a list tried in order, the first whose `when` holds applies.
@Suite("SLA goals")
struct SLAGoalTests {
    static let source = """
        workflow: demo
        key: DEM
        team: ops
        fields:
          tier: {type: enum, values: [standard, vip], default: standard}
          severity: {type: enum, values: [p1, p2], default: p2}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        slas:
          resolution:
            start: created
            stop: {enter: [done]}
            target:
              - {when: "tier == 'vip'", target: 2h}
              - {target: {by: severity, p1: 4h, p2: 8h}}
        """

    @Test func theFirstGoalWhoseConditionHoldsApplies() throws {
        let target = try #require(try Fixtures.parse(Self.source).slas.first?.target)
        #expect(target.duration(for: ["tier": "vip", "severity": "p1"]) == WorkDuration(parsing: "2h"))
        #expect(target.duration(for: ["tier": "standard", "severity": "p1"]) == WorkDuration(parsing: "4h"))
        #expect(target.duration(for: ["severity": "p2"]) == WorkDuration(parsing: "8h"))
        #expect(target.alternatives.count == 2)
    }

    @Test(arguments: [
        (
            "- {when: \"tier == 'vip'\", target: 2h}\n      - {when: \"tier == 'standard'\", target: 4h}", 18,
            "sla 'resolution' target goal 2 is the last, which applies when no other does: it takes no 'when'"
        ),
        (
            "- {target: 2h}\n      - {target: 4h}", 17,
            "sla 'resolution' target goal 1 needs 'when' (only the last goal has none)"
        ),
        ("- {target: 2h}", 16, "sla 'resolution' target lists goals: give at least two, the last without 'when'"),
        (
            "- {when: \"tier == 'gold'\", target: 2h}\n      - {target: 4h}", 17,
            "sla 'resolution' target goal 1 when 'tier == 'gold''"
        ),
    ])
    func badGoalsAreRefusedWithTheirLine(goals: String, line: Int, message: String) {
        let source = Self.source.replacingOccurrences(
            of: "- {when: \"tier == 'vip'\", target: 2h}\n      - {target: {by: severity, p1: 4h, p2: 8h}}",
            with: goals)
        let error = Fixtures.loadError(source)
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        #expect(error?.line == line)
    }
}

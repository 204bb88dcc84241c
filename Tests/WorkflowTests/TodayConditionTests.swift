import Testing

@testable import Workflow

/// `today` in conditions: the current date in the workflow's calendar, for guards such as
/// "not before the start date".
@Suite("today in conditions")
struct TodayConditionTests {
    static let source = """
        workflow: demo
        key: DEM
        team: ops
        fields:
          start_date: {type: date}
        states:
          ready: {initial: true}
          live: {}
          early: {}
          done: {final: true}
        transitions:
          go_live: {from: ready, to: live, when: "start_date <= today"}
          route: {from: ready, to: [{when: "start_date > today", state: early}, {state: live}]}
          finish: {from: [live, early], to: done}
        """

    func plan(_ transition: String, today: String?) throws -> TransitionPlan {
        var context = TransitionContext(role: .member)
        context.today = today.flatMap(CalendarDay.init(parsing:))
        return try Fixtures.parse(Self.source).planTransition(
            transition, from: "ready", fields: ["start_date": "2026-11-01"], changes: [:], context: context)
    }

    @Test func guardsAndChoicesReadTodayAndNothingStoresIt() throws {
        #expect(throws: RuleViolation.conditionNotMet(transition: "go_live", condition: "start_date <= today")) {
            try plan("go_live", today: "2026-10-31")
        }
        let live = try plan("go_live", today: "2026-11-01")
        #expect(live.to == "live")
        #expect(live.fields["today"] == nil, "today is read, never stored")
        #expect(try plan("route", today: "2026-10-31").to == "early")
        #expect(try plan("route", today: "2026-11-02").to == "live")
        #expect(throws: RuleViolation.self, "without a date, today is null") { try plan("go_live", today: nil) }
    }

    @Test func todayIsNotAFieldNorReadByComputedFields() {
        let asField = Self.source.replacingOccurrences(of: "start_date: {type: date}", with: "today: {type: date}")
        #expect(
            Fixtures.loadErrors(asField).first?.message
                == "field name 'today' is taken: conditions read it as the current date")
        let computed = Self.source.replacingOccurrences(
            of: "start_date: {type: date}",
            with: "start_date: {type: date}\n  late: {type: bool, compute: \"start_date < today\"}")
        #expect(Fixtures.loadErrors(computed).first?.message.contains("unknown field 'today'") == true)
    }

    @Test func aTransitionStampsADateFieldWithToday() throws {
        let stamped = Self.source.replacingOccurrences(
            of: "finish: {from: [live, early], to: done}",
            with: "finish: {from: [live, early], to: done, stamp: [start_date]}")
        var context = TransitionContext(role: .member)
        context.today = CalendarDay(parsing: "2026-12-04")
        let plan = try Fixtures.parse(stamped).planTransition(
            "finish", from: "live", fields: ["start_date": "2026-11-01"], changes: [:], context: context)
        #expect(plan.fields["start_date"] == "2026-12-04")
        let wrong = Self.source.replacingOccurrences(
            of: "finish: {from: [live, early], to: done}",
            with: "finish: {from: [live, early], to: done, stamp: [nope]}")
        #expect(Fixtures.loadErrors(wrong).first?.message == "transition 'finish' stamps unknown field 'nope'")
    }
}

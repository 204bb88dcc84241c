import Testing

@testable import Workflow

@Suite("Field declarations")
struct FieldDeclarationTests {
    private static func fieldsOnly(_ declaration: String) -> String {
        "workflow: demo\nkey: DEM\nteam: ops\nfields:\n  \(declaration)\n"
    }

    @Test(
        arguments: [
            ("n: {type: int, min: 1.5}", "field 'n': 'min' must be a whole number for an int field"),
            ("n: {type: int, min: 5, max: 1}", "field 'n': 'max' is below 'min' (5)"),
            ("n: {type: string, max: 3}", "field 'n': 'max' only applies to int and decimal fields"),
            ("n: {type: decimal, max: 1.5, default: 2}", "field 'n': invalid default '2': must be <= 1.5"),
            ("n: {type: bool, default: maybe}", "field 'n': invalid default 'maybe': expected bool"),
            (
                "n: {type: date, default: 2027-02-29}",
                "field 'n': invalid default '2027-02-29': expected a date YYYY-MM-DD"
            ),
            ("n: {type: list, items: int, default: [1, x]}", "field 'n': invalid default: item 2: expected int"),
            ("n: {type: string, values: [a]}", "field 'n': 'values' only applies to enum fields"),
            ("n: {type: enum, values: [a, a]}", "field 'n': 'values' lists 'a' twice"),
        ] as [(String, String)])
    func aFieldWhoseLimitsOrDefaultDoNotFitIsRefused(declaration: String, message: String) {
        let error = Fixtures.loadError(Self.fieldsOnly(declaration))
        #expect(error?.line == 5)
        #expect(error?.message == message)
    }

    @Test func aDecimalFieldMayHaveFractionalLimits() throws {
        let workflow = try Fixtures.parse(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              budget: {type: decimal, min: 0.5, max: 99.5, default: 10}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """)
        let budget = try #require(workflow.field(named: "budget"))
        #expect(budget.min == 0.5)
        #expect(budget.max == 99.5)
        #expect(budget.defaultValue == 10)
    }
}

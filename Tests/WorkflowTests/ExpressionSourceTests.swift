import Testing

@testable import Workflow

@Suite("Expression sources")
struct ExpressionSourceTests {
    private func guardExpression(_ when: String) throws -> ExpressionSource? {
        try Fixtures.parse(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              a: {type: int}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done, when: \(when)}
            """
        ).transition(named: "finish")?.guards.when
    }

    @Test func anExpressionPointsAtItsFirstCharacter() throws {
        #expect(try guardExpression("a > 1") == (try ExpressionSource(text: "a > 1", line: 10, column: 40)))
        #expect(try guardExpression("\"a > 1\"") == (try ExpressionSource(text: "a > 1", line: 10, column: 41)))
        #expect(try guardExpression("'a > 1'") == (try ExpressionSource(text: "a > 1", line: 10, column: 41)))
    }

    @Test func everyExpressionIsListedForTheTypeChecker() throws {
        let workflow = try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path)
        #expect(
            workflow.expressionUses.map(\.context) == [
                "field 'score' compute", "transition 'assess' choice branch 1", "transition 'approve_compliance' when",
            ])
        #expect(workflow.expressionUses.map(\.source.text) == ["likelihood * impact", "score >= 15", "compliance_ok"])
    }
}

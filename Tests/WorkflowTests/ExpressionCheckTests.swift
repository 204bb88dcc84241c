import Testing

@testable import Workflow

/// The loader type-checks every expression of a workflow and names file, line and expression.
@Suite("Expressions in workflow files")
struct ExpressionCheckTests {
    private static func workflow(fields: String, transition: String) -> String {
        """
        workflow: demo
        key: DEM
        team: ops
        fields:
        \(fields)
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: \(transition)
        """
    }

    @Test func aTypoInAGuardNamesTheFileLineAndField() {
        let error = Fixtures.loadError(
            Self.workflow(
                fields: "  score: {type: int}", transition: #"{from: open, to: done, when: "scor >= 15"}"#))
        #expect(error?.line == 10)
        #expect(
            error?.description
                == "workflows/demo.yaml:10: transition 'finish' when 'scor >= 15': unknown field 'scor'; did you mean 'score'? (column 1)"
        )
    }

    @Test func aGuardThatIsNotAConditionIsATypeError() {
        let error = Fixtures.loadError(
            Self.workflow(fields: "  score: {type: int}", transition: #"{from: open, to: done, when: "score + 1"}"#))
        #expect(error?.line == 10)
        #expect(error?.message.contains("expected a bool condition, got int") == true)
    }

    @Test func aSyntaxErrorIsReportedWhereTheExpressionIsRead() {
        let error = Fixtures.loadError(
            Self.workflow(fields: "  score: {type: int}", transition: #"{from: open, to: done, when: "score >= "}"#))
        #expect(error?.line == 10)
        #expect(error?.message == "transition 'finish': 'when' 'score >= ': expected a value after '>=' (column 10)")
    }

    @Test func computedFieldsThatReadEachOtherInACircleAreRefused() {
        let error = Fixtures.loadError(
            Self.workflow(
                fields: """
                      a: {type: int, compute: "b + 1"}
                      b: {type: int, compute: "a * 2"}
                    """,
                transition: "{from: open, to: done}"))
        #expect(error?.line == 5)
        #expect(error?.message.contains("cycle: a → b → a") == true)
    }

    @Test func aFieldComputedFromItselfIsRefused() {
        let error = Fixtures.loadError(
            Self.workflow(fields: #"  a: {type: int, compute: "a + 1"}"#, transition: "{from: open, to: done}"))
        #expect(error?.message == "field 'a' compute 'a + 1': the field is computed from itself")
    }

    @Test func computedFieldsAreEvaluatedInDependencyOrder() throws {
        let definition = try Fixtures.parse(
            Self.workflow(
                fields: """
                      doubled: {type: int, compute: "score * 2"}
                      score: {type: int, compute: "likelihood * impact"}
                      likelihood: {type: int}
                      impact: {type: int}
                    """,
                transition: "{from: open, to: done}"))
        let fields = try definition.prepareNewTask(fields: ["likelihood": 4, "impact": 5])
        #expect(fields["score"] == 20)
        #expect(fields["doubled"] == 40)
        let cleared = try definition.applyFieldChanges(["impact": nil], to: fields)
        #expect(cleared["score"] == nil)
        #expect(cleared["doubled"] == nil)
    }
}

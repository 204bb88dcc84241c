import Testing

@testable import Workflow

@Suite("Computed fields")
struct ComputedFieldTests {
    @Test func aComputedFieldKeepsItsExpressionAndWhereItWasWritten() throws {
        let workflow = try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path)
        let score = try #require(workflow.field(named: "score"))
        #expect(score.isComputed)
        #expect(score.type == .int)
        #expect(score.title == "Risk score")
        #expect(try score.compute == ExpressionSource(text: "likelihood * impact", line: 9, column: 40))
        #expect(workflow.field(named: "likelihood")?.isComputed == false)
    }

    @Test func clientsCannotSetAComputedField() throws {
        let workflow = try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path)
        let created = #expect(throws: RuleViolation.self) {
            try workflow.prepareNewTask(fields: ["risk": "supplier break", "score": 25])
        }
        #expect(created == .invalidFields([FieldProblem(field: "score", problem: "is computed and cannot be set")]))
        let updated = #expect(throws: RuleViolation.self) {
            try workflow.applyFieldChanges(["score": nil], to: ["risk": "supplier break"])
        }
        #expect(updated == .invalidFields([FieldProblem(field: "score", problem: "is computed and cannot be set")]))
    }

    @Test func aNewTaskDoesNotGetAComputedFieldFromItsCreator() throws {
        let workflow = try WorkflowParser.parse(Fixtures.riskReview.text, file: Fixtures.riskReview.path)
        let fields = try workflow.prepareNewTask(fields: ["risk": "supplier break", "likelihood": 4])
        #expect(fields == ["risk": "supplier break", "likelihood": 4])
    }

    @Test(arguments: [
        ("required: true", "required"), ("default: 3", "default"), ("min: 1", "min"), ("max: 25", "max"),
    ])
    func aComputedFieldCannotBeRequiredDefaultedOrLimited(key: String, name: String) {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              a: {type: int}
              score: {type: int, compute: "a * 2", \(key)}
            """)
        #expect(error?.line == 6)
        #expect(error?.message == "field 'score' is computed, so it cannot have '\(name)'")
    }

    @Test func aBlankExpressionIsRefused() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              score: {type: int, compute: "  "}
            """)
        #expect(error?.line == 5)
        #expect(error?.message == "field 'score': 'compute' must be an expression, not blank")
    }

    @Test func aTransitionCannotRequireAComputedField() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              a: {type: int}
              score: {type: int, compute: "a * 2"}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done, require: [a, score]}
            """)
        #expect(error?.line == 11)
        #expect(
            error?.message
                == "transition 'finish' requires computed field 'score'; require the fields it is computed from")
    }
}

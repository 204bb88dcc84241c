import Testing

@testable import Workflow

@Suite("Field rules")
struct FieldRulesTests {
    private func problems(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) -> [FieldProblem] {
        let violation = #expect(throws: RuleViolation.self, sourceLocation: sourceLocation) {
            try body()
        }
        guard case .invalidFields(let problems) = violation else { return [] }
        return problems
    }

    @Test func aNewTaskGetsDefaultsForFieldsItLeavesOut() throws {
        let workflow = try Fixtures.complaint()
        let fields = try workflow.prepareNewTask(fields: ["customer": "Ada", "order_id": nil])
        #expect(fields == ["customer": "Ada", "channel": "email", "severity": "p3", "tier": "standard"])
    }

    @Test func aNewTaskReportsEveryProblemSortedByField() throws {
        let workflow = try Fixtures.complaint()
        let found = problems {
            _ = try workflow.prepareNewTask(fields: [
                "severity": "p9", "satisfaction": 7, "colour": "red",
            ])
        }
        #expect(
            found == [
                FieldProblem(field: "colour", problem: "unknown field"),
                FieldProblem(field: "customer", problem: "is required"),
                FieldProblem(field: "satisfaction", problem: "must be <= 5"),
                FieldProblem(field: "severity", problem: "must be one of p1, p2, p3"),
            ])
    }

    @Test func theViolationMessageListsTheProblems() {
        let violation = RuleViolation.invalidFields([
            FieldProblem(field: "customer", problem: "is required"),
            FieldProblem(field: "satisfaction", problem: "must be >= 1"),
        ])
        #expect(
            violation.message == "invalid field(s): customer: is required; satisfaction: must be >= 1")
    }

    @Test func integralDoublesAreAcceptedAsInts() throws {
        let workflow = try Fixtures.complaint()
        let fields = try workflow.applyFieldChanges(["satisfaction": 4.0], to: [:])
        #expect(fields["satisfaction"] == .int(4))
        let found = problems { _ = try workflow.applyFieldChanges(["satisfaction": 4.5], to: [:]) }
        #expect(found == [FieldProblem(field: "satisfaction", problem: "expected int")])
    }

    @Test func nullRemovesAnOptionalFieldButNotARequiredOne() throws {
        let workflow = try Fixtures.complaint()
        let current: [String: JSONValue] = ["customer": "Ada", "order_id": "SO-1", "severity": "p3"]
        let updated = try workflow.applyFieldChanges(["order_id": nil, "severity": "p1"], to: current)
        #expect(updated == ["customer": "Ada", "severity": "p1"])
        let found = problems { _ = try workflow.applyFieldChanges(["customer": nil], to: current) }
        #expect(found == [FieldProblem(field: "customer", problem: "is required")])
    }

    @Test func everyFieldTypeChecksItsValues() throws {
        let workflow = try WorkflowParser.parse(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              due: {type: date}
              paid: {type: bool}
              budget: {type: decimal, max: 100}
              owner: {type: user}
              tags: {type: list, items: {type: enum, values: [a, b]}}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """,
            file: "demo.yaml"
        )
        let good: [String: JSONValue] = [
            "due": "2028-02-29", "paid": false, "budget": 99.5, "owner": "ada", "tags": ["a", "b"],
        ]
        #expect(try workflow.applyFieldChanges(good, to: [:]) == good)
        let found = problems {
            _ = try workflow.applyFieldChanges(
                ["due": "2027-02-29", "paid": "no", "budget": 101, "owner": 3, "tags": ["a", "c"]],
                to: [:]
            )
        }
        #expect(
            found == [
                FieldProblem(field: "budget", problem: "must be <= 100"),
                FieldProblem(field: "due", problem: "expected a date YYYY-MM-DD"),
                FieldProblem(field: "owner", problem: "expected string"),
                FieldProblem(field: "paid", problem: "expected bool"),
                FieldProblem(field: "tags", problem: "item 2: must be one of a, b"),
            ])
    }
}

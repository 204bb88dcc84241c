import Testing

@testable import Workflow

/// `rollup: {sum: field, of: workflow}`: a field the server sums from the task's children.
@Suite("Roll-up fields")
struct RollupFieldTests {
    static func parent(_ spend: String = "{type: decimal, rollup: {sum: cost, of: request}}") -> WorkflowSourceFile {
        Fixtures.minimal(
            "campaign", key: "CAM",
            extra: """
                fields:
                  budget: {type: decimal}
                  spend: \(spend)
                  over_budget: {type: bool, compute: "spend > budget"}
                """)
    }

    static let child = Fixtures.minimal(
        "request", key: "REQ", extra: "fields:\n  cost: {type: decimal}\n  note: {type: text}")

    @Test func aRollupIsReadAndCannotBeSetButIsSummedIn() throws {
        let library = try WorkflowLibrary(files: [Self.parent(), Self.child])
        let campaign = try #require(library.workflow(named: "campaign"))
        #expect(campaign.field(named: "spend")?.rollup == FieldRollup(workflow: "request", field: "cost", line: 11))
        #expect(campaign.rollups(over: "request").map(\.name) == ["spend"])
        #expect(throws: RuleViolation.self) { try campaign.applyFieldChanges(["spend": 5], to: [:]) }
        do {
            _ = try campaign.applyFieldChanges(["spend": 5], to: [:])
        } catch {
            #expect(
                error.message
                    == "invalid field(s): spend: is the sum of 'cost' over the request children and cannot be set")
        }
        let summed = campaign.rollingUp("spend", to: 1_200, in: ["budget": 1_000])
        #expect(summed["spend"] == 1_200)
        #expect(summed["over_budget"] == true, "computed fields follow the sum")
    }

    @Test func aRollupSumsANumberFieldOfAWorkflowThatExists() {
        let text = Fixtures.libraryErrors([
            Self.parent("{type: decimal, rollup: {sum: note, of: request}}"), Self.child,
        ])
        #expect(
            text.map(\.message) == [
                "field 'spend' sums 'note' of 'request', a text field; it sums int or decimal fields"
            ])
        let unknown = Fixtures.libraryErrors([
            Self.parent("{type: decimal, rollup: {sum: cost, of: requests}}"), Self.child,
        ])
        #expect(unknown.map(\.message) == ["field 'spend' sums over unknown workflow 'requests'"])
        let notNumber = Fixtures.loadErrors(Self.parent("{type: string, rollup: {sum: cost, of: request}}").text)
        #expect(
            notNumber.first?.message == "field 'spend' sums numbers, so it must be an int or decimal field, not string")
        let required = Fixtures.loadErrors(
            Self.parent("{type: decimal, required: true, rollup: {sum: cost, of: request}}").text)
        #expect(required.first?.message == "field 'spend' is a roll-up of its children, so it cannot have 'required'")
    }
}

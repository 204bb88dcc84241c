import HTTPTypes
@testable import OpslineServer
@testable import OpslineStore
import Testing
import Workflow

/// A command's answer comes from the store's outcome alone: the store remembers a refusal as its
/// error object, without a status, and the answer finds the status from the code again.
@Suite struct CommandAnswerTests {
    /// Every kind of error a command can be refused with.
    static let refusals: [any Error & Sendable] = [
        StoreError.taskNotFound("CMP-1"),
        StoreError.workflowNotFound("nope"),
        StoreError.versionConflict(taskID: "CMP-1", expected: 1, current: 2),
        StoreError.unknownReference(field: "parent", value: "CMP-9"),
        StoreError.rule(.unknownTransition("fly", hint: TransitionHint(state: "received", allowed: ["acknowledge"]))),
        RuleViolation.transitionNotAllowed(
            transition: "close", from: "received", allowedFrom: ["resolved"],
            hint: TransitionHint(state: "received", allowed: ["acknowledge"], suggestion: nil)),
        RuleViolation.invalidFields([FieldProblem(field: "severity", problem: "must be one of p1, p2")]),
        RuleViolation.missingRequiredFields(transition: "close", fields: ["satisfaction"]),
        RuleViolation.roleNotAllowed(transition: "approve", role: "member", allowed: ["manager"]),
        RuleViolation.conditionNotMet(transition: "close", condition: "satisfaction > 3"),
        RuleViolation.childrenNotDone(transition: "submit", open: ["CHK-1"]),
        APIError.forbidden("bot is not in team ops"),
    ]

    @Test func aRefusalAnswersWithTheStatusAndErrorObjectOfItsError() throws {
        for error in Self.refusals {
            let expected = APIError.from(error)
            let refusal = try #require(APIError.refusal(error), "\(error)")
            let answer = CommandAnswer(CommandOutcome(.refused(refusal)))
            #expect(answer.status == expected.status, "\(error)")
            #expect(answer.body == expected.errorObject, "\(error)")
            #expect(!answer.succeeded && !answer.replayed)
        }
    }

    @Test func outagesAndInternalErrorsAreNotRefusals() {
        #expect(APIError.refusal(StoreError.unavailable("connection refused")) == nil)
        #expect(APIError.refusal(StoreError.corruptRow("tasks.fields")) == nil)
    }

    @Test func successesAnswer201ForWhatTheyCreateAnd200ForWhatTheyChange() {
        let line: JSONValue = ["id": "CMP-1"]
        #expect(CommandAnswer(CommandOutcome(.created(line))).status == .created)
        let replayed = CommandAnswer(CommandOutcome(.changed(line), replayed: true))
        #expect(replayed.status == .ok && replayed.body == line && replayed.replayed && replayed.succeeded)
    }

    @Test func aKeyUsedForAnotherRequestIs409Duplicate() {
        let answer = CommandAnswer(CommandOutcome(.duplicateKey("crm-1")))
        #expect(answer.status == .conflict)
        #expect(answer.body["code"] == "duplicate")
        #expect(answer.body["message"] == "idempotency key 'crm-1' was already used for a different request")
    }
}

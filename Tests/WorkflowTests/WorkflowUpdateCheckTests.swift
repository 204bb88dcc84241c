import Testing

@testable import Workflow

@Suite("Checking one workflow against those already loaded")
struct WorkflowUpdateCheckTests {
    /// The launch folder as a server would hold it: published versions named `name@vN`.
    private let published = [
        WorkflowSourceFile(path: "product-launch@v1", text: Fixtures.productLaunch.text),
        WorkflowSourceFile(path: "readiness-item@v1", text: Fixtures.readinessItem.text),
    ]

    private var check: WorkflowUpdateCheck {
        WorkflowUpdateCheck(existing: published, calendars: ["support-hours"])
    }

    @Test func aNewVersionThatAgreesWithTheOthersHasNoProblem() {
        let changed = WorkflowSourceFile(
            path: "readiness-item.yaml",
            text: Fixtures.readinessItem.text.replacingOccurrences(of: "finish:", with: "complete:"))
        #expect(check.problems(of: changed).isEmpty)
    }

    @Test func aSpawnOfAWorkflowNotPublishedIsRefusedOnTheFilesLine() {
        let lonely = WorkflowSourceFile(
            path: "lonely.yaml",
            text: """
                workflow: lonely
                key: LON
                team: ops
                states:
                  open:
                    initial: true
                    on_enter: {spawn: [{workflow: nowhere, title: Gone}]}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done}
                """)
        let problems = check.problems(of: lonely)
        #expect(problems.map(\.description) == ["lonely.yaml:7: state 'open' spawns unknown workflow 'nowhere'"])
    }

    @Test func anUnknownCalendarAndATakenKeyAreRefused() {
        let problems = check.problems(
            of: Fixtures.minimal("other", key: "RDY", file: "other.yaml", extra: "calendar: office-hours"))
        #expect(problems.count == 2)
        #expect(problems.contains { $0.message.hasPrefix("calendar 'office-hours' is not defined") })
        #expect(problems.contains { $0.message.contains("key 'RDY' is already used by workflow 'readiness-item'") })
    }

    @Test func aChangeThatBreaksAPublishedParentIsReportedInTheParent() {
        let stricter = WorkflowSourceFile(
            path: "readiness-item.yaml",
            text: Fixtures.readinessItem.text.replacingOccurrences(
                of: "area: {type: enum", with: "owner: {type: user, required: true}\n  area: {type: enum"))
        let problems = check.problems(of: stricter)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.file == "product-launch@v1" && $0.message.contains("'owner'") }, "\(problems)")
    }

    @Test func problemsTheOthersHadBeforeAreNotTheNewFilesFault() {
        let broken = WorkflowSourceFile(
            path: "old@v1", text: Fixtures.minimal("old", key: "OLD", extra: "calendar: gone").text)
        let check = WorkflowUpdateCheck(existing: published + [broken], calendars: ["support-hours"])
        #expect(check.problems(of: Fixtures.minimal("fresh", key: "FRS", file: "fresh.yaml")).isEmpty)
    }
}

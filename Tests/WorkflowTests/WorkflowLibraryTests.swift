import Foundation
import Testing

@testable import Workflow

@Suite("Loading a folder of workflows")
struct WorkflowLibraryTests {
    private let launchFolder = [
        Fixtures.productLaunch, Fixtures.readinessItem, Fixtures.riskReview, Fixtures.calendars,
    ]

    @Test func aFolderWhoseFilesAgreeLoads() throws {
        let library = try WorkflowLibrary(files: launchFolder)
        #expect(library.workflows.map(\.name) == ["product-launch", "readiness-item", "risk-review"])
        #expect(
            library.entries.map(\.file.path) == [
                "workflows/product-launch.yaml", "workflows/readiness-item.yaml", "workflows/risk-review.yaml",
            ])
        #expect(library.calendars == ["24x7", "support-hours"])
        #expect(library.workflow(named: "readiness-item")?.key == "RDY")
        #expect(library.workflow(named: "nope") == nil)
    }

    @Test func theShippedWorkflowsFolderLoads() throws {
        let folder = URL(fileURLWithPath: Fixtures.complaintPath).deletingLastPathComponent().path
        let library = try WorkflowLibrary.load(directory: folder)
        #expect(library.workflow(named: "complaint-escalation")?.calendar == "support-hours")
        #expect(library.calendars.contains("support-hours"))
        #expect(library.entries.allSatisfy { !$0.file.isCalendars })
    }

    @Test func aFolderThatCannotBeReadIsReported() {
        let errors = #expect(throws: WorkflowLoadErrors.self) {
            try WorkflowLibrary.load(directory: "/nonexistent/workflows")
        }
        #expect(errors?.errors.first?.file == "/nonexistent/workflows")
        #expect(errors?.errors.first?.message.hasPrefix("cannot read the folder") == true)
    }

    @Test func theBuiltInCalendarNeedsNoCalendarsFile() throws {
        let library = try WorkflowLibrary(files: [Fixtures.minimal("demo", key: "DEM", extra: "calendar: 24x7")])
        #expect(library.calendars == ["24x7"])
    }

    @Test func anUnknownCalendarIsRefusedOnItsLine() {
        let errors = Fixtures.libraryErrors([
            Fixtures.calendars, Fixtures.minimal("demo", key: "DEM", extra: "calendar: support-hour"),
        ])
        #expect(
            errors.map(\.description) == [
                "workflows/demo.yaml:9: calendar 'support-hour' is not defined in calendars.yaml (known: 24x7, support-hours)"
            ])
    }

    @Test func aSpawnOfAnUnknownWorkflowIsRefusedOnItsLine() {
        let errors = Fixtures.libraryErrors([Fixtures.productLaunch, Fixtures.calendars])
        #expect(
            errors.map(\.description) == [
                "workflows/product-launch.yaml:13: state 'preparing' spawns unknown workflow 'readiness-item'",
                "workflows/product-launch.yaml:14: state 'preparing' spawns unknown workflow 'readiness-item'",
            ])
    }

    @Test func aSpawnsFieldsMustFitTheChildWorkflow() {
        let launch = WorkflowSourceFile(
            path: Fixtures.productLaunch.path,
            text: Fixtures.productLaunch.text
                .replacingOccurrences(of: "fields: {area: training}", with: "fields: {area: trainig}")
                .replacingOccurrences(of: "fields: {area: qa}", with: "fields: {}"))
        let errors = Fixtures.libraryErrors([launch, Fixtures.readinessItem, Fixtures.calendars])
        #expect(
            errors.map(\.description) == [
                "workflows/product-launch.yaml:13: state 'preparing' spawns 'readiness-item' with field 'area': "
                    + "must be one of warmup, training, logistics, qa, supply, user_testing",
                "workflows/product-launch.yaml:14: state 'preparing' spawns 'readiness-item' with field 'area': "
                    + "is required",
            ])
    }

    @Test func workflowNamesAndTaskKeysMustBeUnique() {
        let errors = Fixtures.libraryErrors([
            Fixtures.minimal("demo", key: "DEM", file: "workflows/a.yaml"),
            Fixtures.minimal("demo", key: "OTH", file: "workflows/b.yaml"),
            Fixtures.minimal("other", key: "DEM", file: "workflows/c.yaml"),
        ])
        #expect(
            errors.map(\.description) == [
                "workflows/b.yaml:1: workflow 'demo' is already defined in workflows/a.yaml:1",
                "workflows/c.yaml:2: key 'DEM' is already used by workflow 'demo' (workflows/a.yaml:2); "
                    + "task ids must not clash",
            ])
    }

    @Test func everyProblemInEveryFileIsReportedInFileAndLineOrder() {
        let broken = WorkflowSourceFile(
            path: "workflows/risk-review.yaml",
            text: Fixtures.riskReview.text.replacingOccurrences(of: "to: mitigated", with: "to: mitigatd"))
        let errors = Fixtures.libraryErrors([
            Fixtures.minimal("zeta", key: "ZET", extra: "calendar: nowhere"),
            broken,
            Fixtures.minimal("alpha", key: "ALP", extra: "calendar: elsewhere"),
        ])
        #expect(
            errors.map(\.description) == [
                "workflows/alpha.yaml:9: calendar 'elsewhere' is not defined in calendars.yaml (known: 24x7)",
                "workflows/risk-review.yaml:31: transition 'mitigate' goes to unknown state 'mitigatd'",
                "workflows/zeta.yaml:9: calendar 'nowhere' is not defined in calendars.yaml (known: 24x7)",
            ])
        let rendered = WorkflowLoadErrors(errors).description
        #expect(rendered.split(separator: "\n").count == 3)
    }

    @Test func spawningAWorkflowWhoseFileIsBrokenIsNotReportedTwice() {
        let brokenChild = WorkflowSourceFile(
            path: Fixtures.readinessItem.path,
            text: Fixtures.readinessItem.text.replacingOccurrences(of: "to: done", with: "to: dnoe"))
        let errors = Fixtures.libraryErrors([Fixtures.productLaunch, brokenChild, Fixtures.calendars])
        #expect(
            errors.map(\.description) == [
                "workflows/readiness-item.yaml:10: transition 'finish' goes to unknown state 'dnoe'"
            ])
    }

    @Test func workflowsThatSpawnEachOtherOnCreationAreRefused() {
        let spawning = { (name: String, key: String, child: String) in
            WorkflowSourceFile(
                path: "workflows/\(name).yaml",
                text: """
                    workflow: \(name)
                    key: \(key)
                    team: ops
                    states:
                      open:
                        initial: true
                        on_enter: {spawn: [{workflow: \(child), title: Child}]}
                      done: {final: true}
                    transitions:
                      finish: {from: open, to: done}
                    """)
        }
        let errors = Fixtures.libraryErrors([spawning("aa", "AA", "bb"), spawning("bb", "BB", "aa")])
        #expect(
            errors.map(\.description) == [
                "workflows/aa.yaml:7: state 'open' spawns 'bb' when a task is created, which spawns 'aa' again "
                    + "(aa → bb → aa); tasks would be created without end"
            ])
    }

    @Test func theCalendarsFileNamesCalendarsWhoseValuesAreMappings() {
        let calendars = WorkflowSourceFile(
            path: "workflows/calendars.yaml",
            text: "support-hours: {timezone: UTC}\nShop_Hours: {}\n")
        #expect(
            Fixtures.libraryErrors([calendars]).map(\.description) == [
                "workflows/calendars.yaml:2: calendar name 'Shop_Hours' must use only a-z, 0-9 and '-'"
            ])
        let flat = WorkflowSourceFile(path: "workflows/calendars.yaml", text: "support-hours: 9-to-5\n")
        #expect(
            Fixtures.libraryErrors([flat]).map(\.description) == [
                "workflows/calendars.yaml:1: calendar 'support-hours' must be a mapping of keys to values"
            ])
    }

    @Test func aBrokenCalendarsFileDoesNotMakeEveryCalendarUnknown() {
        let calendars = WorkflowSourceFile(path: "workflows/calendars.yaml", text: "a: {}\na: {}\n")
        let errors = Fixtures.libraryErrors([
            calendars, Fixtures.minimal("demo", key: "DEM", extra: "calendar: a"),
        ])
        #expect(
            errors.map(\.description) == ["workflows/calendars.yaml:2: duplicate key 'a' (first defined on line 1)"])
    }
}

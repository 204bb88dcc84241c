import Foundation
import Testing

@testable import Workflow

/// No duration or instant, however absurd, reaches a runtime trap: durations are bounded at
/// ten years everywhere they are read, and formatting a time is total.
@Suite struct WorkDurationBoundTests {
    @Test(arguments: ["3650d", "3649d23h59m59s", "0", "45s"])
    func durationsUpToTenYearsAreAccepted(text: String) throws {
        let duration = try WorkDuration.checked(text).get()
        #expect(duration <= WorkDuration.longest)
    }

    @Test(arguments: ["3650d1s", "3651d", "525748883073d", "999999999999d23h"])
    func longerDurationsAreRefusedAsTooLong(text: String) {
        #expect(WorkDuration.checked(text) == .failure(.tooLong))
    }

    @Test(arguments: ["soon", "1h2d", "-1h", "", "1dd"])
    func malformedDurationsAreRefusedAsMalformed(text: String) {
        #expect(WorkDuration.checked(text) == .failure(.malformed))
    }

    @Test func aWorkflowWithAnAbsurdTargetIsRefusedNamingTheBound() {
        let source = """
            workflow: absurd
            key: ABS
            team: support
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            slas:
              response: {start: created, stop: {enter: [done]}, target: 525748883073d}
            """
        #expect {
            try WorkflowParser.parse(source, file: "absurd.yaml")
        } throws: { error in
            "\(error)".contains("longer than 3650d")
        }
    }

    @Test(arguments: [
        (Date(timeIntervalSince1970: 1e17), "9999-12-31T23:59:59.999Z"),
        (Date(timeIntervalSince1970: -1e17), "0001-01-01T00:00:00.000Z"),
        (Date.distantFuture, "4001-01-01T00:00:00.000Z"),
        (Date(timeIntervalSince1970: 253_402_300_799.999), "9999-12-31T23:59:59.999Z"),
        (Date(timeIntervalSince1970: 0), "1970-01-01T00:00:00.000Z"),
    ])
    func formattingIsTotalAndStaysWithinFourDigitYears(date: Date, text: String) {
        #expect(RFC3339.format(date) == text)
    }
}

import Foundation
import Testing
import Workflow

/// The API's timestamps: written UTC with milliseconds, read in any offset.
@Suite struct RFC3339Tests {
    let nineUTC = Date(timeIntervalSince1970: 1_795_165_200)  // 2026-11-20T09:00:00Z

    @Test func formatsUTCWithMilliseconds() {
        #expect(RFC3339.format(nineUTC.addingTimeInterval(0.25)) == "2026-11-20T09:00:00.250Z")
    }

    @Test func parsesAnyOffsetWithOrWithoutAFraction() {
        #expect(RFC3339.parse("2026-11-20T09:00:00Z") == nineUTC)
        #expect(RFC3339.parse("2026-11-20T17:00:00+08:00") == nineUTC)
        #expect(RFC3339.parse("2026-11-20T09:00:00.250Z") == nineUTC.addingTimeInterval(0.25))
        #expect(RFC3339.parse(RFC3339.format(nineUTC)) == nineUTC, "what it writes, it reads")
    }

    @Test func refusesWhatIsNotATime() {
        #expect(RFC3339.parse("2026-11-20") == nil, "a bare date is not a time")
        #expect(RFC3339.parse("tomorrow") == nil)
        #expect(RFC3339.parse("2026-13-40T09:00:00Z") == nil)
    }

    @Test func aBareDateMeansItsMidnightUTCWhereDatesAreAllowed() {
        #expect(RFC3339.parseTimeOrDate("2026-11-20") == nineUTC.addingTimeInterval(-9 * 3600))
        #expect(RFC3339.parseTimeOrDate("2026-11-20T17:00:00+08:00") == nineUTC)
        #expect(RFC3339.parseTimeOrDate("20 November") == nil)
    }
}

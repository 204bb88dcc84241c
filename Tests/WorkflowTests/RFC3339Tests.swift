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

    /// Foundation's parser rolls impossible fields over (`2026-02-30` is 2 March); these are
    /// refused instead, in times and bare dates alike.
    @Test(arguments: [
        "2026-02-30T09:00:00Z", "2027-02-29T09:00:00Z", "2026-04-31T09:00:00Z", "2026-00-10T09:00:00Z",
        "2026-11-20T24:00:00Z", "2026-11-20T09:60:00Z", "2026-11-20T09:00:60Z", "2026-11-20T09:00:00+24:00",
        "2026-11-20T09:00:00+08:60", "2026-11-20T09:00:00.Z", "2026-11-20T09:00:00", "2026-11-20T9:00:00Z",
    ])
    func refusesImpossibleFields(text: String) {
        #expect(RFC3339.parse(text) == nil)
        #expect(RFC3339.parseTimeOrDate(text) == nil)
    }

    @Test func refusesDatesThatDoNotExist() {
        #expect(RFC3339.parseTimeOrDate("2026-02-30") == nil)
        #expect(RFC3339.parseTimeOrDate("2027-02-29") == nil)
        #expect(RFC3339.parseTimeOrDate("2028-02-29") != nil, "2028 is a leap year")
        #expect(RFC3339.parse("2028-02-29T23:59:59.999-08:00") != nil)
    }

    @Test func aBareDateMeansItsMidnightUTCWhereDatesAreAllowed() {
        #expect(RFC3339.parseTimeOrDate("2026-11-20") == nineUTC.addingTimeInterval(-9 * 3600))
        #expect(RFC3339.parseTimeOrDate("2026-11-20T17:00:00+08:00") == nineUTC)
        #expect(RFC3339.parseTimeOrDate("20 November") == nil)
    }
}

import Testing

@testable import Workflow

@Suite("Work durations")
struct WorkDurationTests {
    @Test(
        arguments: [
            ("45s", 45), ("30m", 1_800), ("4h", 14_400), ("1d4h", 100_800), ("2d", 172_800),
            ("1h30m", 5_400), ("0", 0), ("1d2h3m4s", 93_784),
        ] as [(String, Int64)])
    func compactFormsParseToSeconds(text: String, seconds: Int64) {
        #expect(WorkDuration(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: [
        "", "4", "h", "4x", "30m1h", "1h1h", "-1h", "4 h", "1.5h", "2hours", "99999999999999d",
    ])
    func malformedDurationsAreRefused(text: String) {
        #expect(WorkDuration(parsing: text) == nil)
    }

    @Test func descriptionPrintsTheCompactForm() {
        #expect(WorkDuration(parsing: "90m")?.description == "1h30m")
        #expect(WorkDuration(parsing: "1d4h")?.description == "1d4h")
        #expect(WorkDuration(parsing: "0")?.description == "0s")
        #expect(WorkDuration(seconds: 86_401).description == "1d1s")
    }

    @Test func durationsCompareByLength() throws {
        let short = try #require(WorkDuration(parsing: "59m"))
        let long = try #require(WorkDuration(parsing: "1h"))
        #expect(short < long)
    }
}

import Foundation
import Testing
import Workflow

@testable import OpslineServer

@Suite struct RFC3339Tests {
    /// The hand-written formatter must print what Foundation's ISO 8601 style prints, which it
    /// replaced on the task-line path. (Fractions are binary-exact here: Foundation truncates
    /// `.123`, stored as `.12299…`, to `.122`, where ours rounds to the millisecond first.)
    @Test(
        arguments: [
            0, 1_764_087_817_125, -1_000, -86_400_500, 951_782_400_000, 4_102_444_799_750, 1_582_934_400_500,
        ] as [Int64])
    func timestampsMatchFoundationsISO8601Style(_ milliseconds: Int64) {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let foundation = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
        #expect(RFC3339.format(date) == foundation)
    }

    @Test func aDateInTheEventLogReadsAsUTCWithMilliseconds() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_795_625_017.123)) == "2026-11-25T16:43:37.123Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
    }
}

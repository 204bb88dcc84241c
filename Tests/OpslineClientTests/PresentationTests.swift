import Foundation
import Testing

@testable import OpslineClient

/// When tables are coloured, how wide they may be, and which time zone times are shown in.
@Suite struct PresentationTests {
    @Test func colourIsOnlyForTablesOnATerminalWithoutNO_COLOR() {
        #expect(Presentation.usesColour(table: true, terminal: true, environment: [:]))
        #expect(!Presentation.usesColour(table: true, terminal: false, environment: [:]), "a pipe or file")
        #expect(!Presentation.usesColour(table: true, terminal: true, environment: ["NO_COLOR": "1"]))
        #expect(
            Presentation.usesColour(table: true, terminal: true, environment: ["NO_COLOR": ""]),
            "an empty NO_COLOR counts as unset (no-color.org)")
        #expect(!Presentation.usesColour(table: false, terminal: true, environment: [:]), "JSON, NDJSON, names")
    }

    @Test func theWidthIsCOLUMNSElseTheTerminalsElseNone() {
        #expect(Presentation.width(environment: ["COLUMNS": "60"], terminalColumns: 200) == 60)
        #expect(Presentation.width(environment: ["COLUMNS": "60"], terminalColumns: nil) == 60)
        #expect(Presentation.width(environment: [:], terminalColumns: 132) == 132)
        #expect(Presentation.width(environment: ["COLUMNS": "wide"], terminalColumns: 132) == 132)
        #expect(Presentation.width(environment: ["COLUMNS": "0"], terminalColumns: nil) == nil)
        #expect(Presentation.width(environment: [:], terminalColumns: nil) == nil, "no terminal: never cut")
    }

    @Test func timesAreShownInTZUnlessUTCIsAsked() {
        let shanghai = Presentation.timeZone(utc: false, environment: ["TZ": "Asia/Shanghai"])
        #expect(shanghai.identifier == "Asia/Shanghai")
        #expect(Presentation.timeZone(utc: false, environment: ["TZ": ":Europe/Paris"]).identifier == "Europe/Paris")
        #expect(Presentation.timeZone(utc: true, environment: ["TZ": "Asia/Shanghai"]) == Presentation.utc)
        #expect(Presentation(timeZone: shanghai).timeZoneLabel == "LOCAL")
        #expect(Presentation(timeZone: Presentation.utc).timeZoneLabel == "UTC")
    }

    @Test func aTimeIsWrittenInTheZoneWithItsOffset() throws {
        let time = try #require(ISO8601DateFormatter().date(from: "2026-11-22T09:30:00Z"))
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(DisplayText.time(time, in: shanghai) == "2026-11-22T17:30:00+08:00")
        #expect(DisplayText.time(time, in: newYork) == "2026-11-22T04:30:00-05:00")
        #expect(DisplayText.time(time, in: Presentation.utc) == "2026-11-22T09:30:00Z")
        #expect(DisplayText.time(time) == "2026-11-22T09:30:00Z", "the plain presentation is UTC")
        #expect(
            Presentation.$current.withValue(Presentation(timeZone: shanghai)) { DisplayText.time(time) }
                == "2026-11-22T17:30:00+08:00")
    }

    @Test func workingTimeLeftSaysWhenItIsOverdue() {
        #expect(DisplayText.workingLeft(seconds: 12_000) == "3h20m")
        #expect(DisplayText.workingLeft(seconds: -1_200) == "overdue 20m")
    }

    @Test func clocksAreColouredByHowUrgentTheyAre() {
        #expect(StatusColours.clock(state: "breached", remainingSeconds: -60, warned: true) == .red)
        #expect(StatusColours.clock(state: "running", remainingSeconds: -60, warned: false) == .red)
        #expect(StatusColours.clock(state: "running", remainingSeconds: 600, warned: true) == .yellow)
        #expect(StatusColours.clock(state: "running", remainingSeconds: 60_000, warned: false) == .green)
        #expect(StatusColours.clock(state: "paused", remainingSeconds: 600, warned: false) == .faint)
        #expect(StatusColours.state(closed: true) == .faint)
        #expect(StatusColours.state(closed: false) == .cyan)
    }
}

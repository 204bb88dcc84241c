import Testing

@testable import OpslineClient

@Suite struct TableRendererTests {
    @Test func columnsAreAsWideAsTheirWidestCell() {
        let table = TableRenderer(headers: ["ID", "STATE", "TITLE"])
        let text = table.render([
            ["CMP-1", "new", "Short"], ["CMP-1234", "investigating", "Longer title"],
        ])
        #expect(
            text == """
                ID        STATE          TITLE
                CMP-1     new            Short
                CMP-1234  investigating  Longer title

                """)
    }

    @Test func linesHaveNoTrailingSpaces() {
        let text = TableRenderer(headers: ["A", "B"]).render([["long value", ""]])
        #expect(text.split(separator: "\n").allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func rightAlignedColumnsPadOnTheLeft() {
        let table = TableRenderer(columns: [.init("SEQ", alignment: .right), .init("TYPE")])
        #expect(
            table.render([["7", "created"], ["1234", "commented"]]) == """
                 SEQ  TYPE
                   7  created
                1234  commented

                """)
    }

    @Test func cellsLongerThanTheColumnLimitAreCutWithAnEllipsis() {
        let table = TableRenderer(columns: [.init("TITLE", maximumWidth: 8), .init("X")])
        #expect(table.render([["Refund not received", "1"]]) == "TITLE     X\nRefund …  1\n")
    }

    @Test func lineBreaksInACellBecomeSpaces() {
        let text = TableRenderer(headers: ["NOTE"]).render([["two\nlines\tand tab"]])
        #expect(text == "NOTE\ntwo lines and tab\n")
    }

    @Test func missingCellsAreEmptyAndExtraCellsIgnored() {
        let text = TableRenderer(headers: ["A", "B"]).render([["1"], ["1", "2", "3"]])
        #expect(text == "A  B\n1\n1  2\n")
    }

    @Test func nonASCIICharactersCountAsOneColumn() {
        let text = TableRenderer(headers: ["NAME", "X"]).render([
            ["Café", "1"], ["Zoë Ünal", "2"],
        ])
        #expect(text == "NAME      X\nCafé      1\nZoë Ünal  2\n")
    }

    @Test func chineseCharactersTakeTwoColumnsSoTheColumnsStillLineUp() {
        let text = TableRenderer(headers: ["TITLE", "TEAM"]).render([
            ["星河 X2 上市", "launch"], ["QA sign-off", "qa"],
        ])
        #expect(text == "TITLE         TEAM\n星河 X2 上市  launch\nQA sign-off   qa\n")
    }

    @Test func cellsOfChineseTextAreCutByTheColumnsTheyTake() {
        let table = TableRenderer(columns: [.init("TITLE", maximumWidth: 8), .init("X")])
        #expect(table.render([["质量控制 QA sign-off", "1"]]) == "TITLE    X\n质量控…  1\n")
    }

    @Test func anIndentIsPutBeforeEveryLine() {
        let text = TableRenderer(headers: ["A"], indent: "  ").render([["1"]])
        #expect(text == "  A\n  1\n")
    }

    @Test func aTableWiderThanThePresentationNarrowsItsWidestColumnsWithEllipses() {
        let table = TableRenderer(columns: [.init("ID"), .init("STATE"), .init("TITLE"), .init("TEAM")])
        let rows = [
            ["CMP-1", "investigating", "Refund not received after three weeks of waiting", "support"],
            ["CMP-22", "new", "Short", "billing-and-invoicing"],
        ]
        let text = Presentation.$current.withValue(Presentation(width: 60)) { table.render(rows) }
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { TerminalWidth.of($0) <= 60 }, "\(text)")
        #expect(lines[1] == "CMP-1   investigating  Refund not recei…  support", "\(text)")
        #expect(lines[2] == "CMP-22  new            Short              billing-and-invoi…", "\(text)")
        #expect(table.render(rows).split(separator: "\n").contains { TerminalWidth.of($0) > 60 }, "no width: no cut")
    }

    @Test func narrowingStopsAtTheHeadersWidth() {
        let table = TableRenderer(headers: ["ASSIGNEE", "TITLE"])
        let text = Presentation.$current.withValue(Presentation(width: 10)) {
            table.render([["alice-in-wonderland", "A very long title indeed"]])
        }
        #expect(text == "ASSIGNEE  TITLE\nalice-i…  A ver…\n")
    }

    @Test func withoutHeadersOnlyTheRowsArePrinted() {
        let table = TableRenderer(headers: ["ID", "STATE"])
        let plain = Presentation(headers: false)
        #expect(Presentation.$current.withValue(plain) { table.render([["CMP-1", "new"]]) } == "CMP-1  new\n")
        let nested = TableRenderer(headers: ["A"], indent: "  ")
        #expect(
            Presentation.$current.withValue(plain) { nested.render([["1"]]) } == "  A\n  1\n",
            "a nested table of a detail block keeps its header")
    }

    @Test func colouredCellsArePaintedOnlyWhenThePresentationAllowsAndStayAligned() {
        let table = TableRenderer(headers: ["ID", "STATE", "X"])
        let rows: [[TableCell]] = [
            ["CMP-1", TableCell("new", colour: .cyan), "1"], ["CMP-22", TableCell("closed", colour: .faint), "2"],
        ]
        #expect(table.render(cells: rows) == "ID      STATE   X\nCMP-1   new     1\nCMP-22  closed  2\n")
        let coloured = Presentation.$current.withValue(Presentation(colour: true)) { table.render(cells: rows) }
        #expect(
            coloured
                == "ID      STATE   X\nCMP-1   \u{1B}[36mnew\u{1B}[0m     1\nCMP-22  \u{1B}[2mclosed\u{1B}[0m  2\n")
    }

    @Test func columnsWithADropRankAreLeftOutWhenCuttingIsNotEnough() {
        let table = TableRenderer(columns: [
            .init("ID"), .init("TITLE"), .init("UPDATED", dropRank: 1), .init("TEAM", dropRank: 2),
        ])
        let rows = [["CMP-1", "Refund not received", "2026-11-22T09:30:00Z", "support"]]
        let at = { (width: Int) in Presentation.$current.withValue(Presentation(width: width)) { table.render(rows) } }
        #expect(
            at(60)
                == "ID     TITLE                UPDATED               TEAM\nCMP-1  Refund not received  2026-11-22T09:30:00Z  support\n"
        )
        #expect(
            at(40) == "ID     TITLE                TEAM\nCMP-1  Refund not received  support\n", "UPDATED goes first")
        #expect(at(20) == "ID     TITLE\nCMP-1  Refund not r…\n", "then TEAM, and the title is cut")
    }
}

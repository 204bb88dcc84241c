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
}

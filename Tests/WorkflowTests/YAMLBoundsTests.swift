import Foundation
import Testing

@testable import Workflow

/// A hostile YAML document is refused, quickly and with a line and a reason, before it is composed:
/// aliases that stand for too many nodes ("billion laughs", also as a mapping key), deep nesting,
/// and documents over 1 MiB. Anchors and aliases within the bounds keep working.
@Suite struct YAMLBoundsTests {
    /// Nine levels of ten aliases each: 488 bytes that stand for 10⁹ nodes.
    static func laughs(levels: Int = 9) -> String {
        var lines = ["a0: &a0 [lol]"]
        for level in 1...levels {
            let previous = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
            lines.append("a\(level): &a\(level) [\(previous)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The issue's form: the last level used as a mapping key, which Yams hashes in full.
    static let laughsAsKey = laughs() + "workflow:\n  ? *a9\n  : boom\n"

    /// The same bomb inside an otherwise sound workflow's field default.
    static let laughsInAWorkflow = """
        workflow: laughs
        key: LOL
        team: support
        defs: &a0 [lol]
        d1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
        d2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
        d3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
        d4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
        d5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
        d6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
        fields:
          tags: {type: list, items: string, default: *a6}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        """

    /// Parses `source`, failing the test when that takes more than 20 s (the old code took
    /// minutes), and returns its problems.
    private func problems(of source: String) -> [WorkflowLoadError] {
        let started = ContinuousClock.now
        defer { #expect(ContinuousClock.now - started < .seconds(20)) }
        do throws(WorkflowLoadErrors) {
            _ = try WorkflowParser.parse(source, file: "bomb.yaml")
            return []
        } catch {
            return error.errors
        }
    }

    @Test func theBillionLaughsAreRefusedAtTheAliasThatGoesTooFar() {
        let problems = problems(of: Self.laughs())
        #expect(problems.count == 1)
        #expect(problems.first?.line == 6)
        #expect(problems.first?.message.contains("past 100000 repeated nodes") == true)
    }

    @Test func theBillionLaughsAsAMappingKeyAreRefusedQuickly() {
        let problems = problems(of: Self.laughsAsKey)
        #expect(
            problems.map(\.description) == [
                "bomb.yaml:6: the alias '*a4' takes the YAML aliases of this document past 100000 repeated nodes; "
                    + "an alias repeats every node of its anchor, so aliases of aliases multiply"
            ])
    }

    @Test func aSmallerBombInAFieldDefaultIsRefused() {
        let problems = problems(of: Self.laughsInAWorkflow)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("aliases of aliases multiply") == true)
    }

    @Test func anchorsAndAliasesWithinTheBoundsStillWork() throws {
        let source = """
            workflow: reuse
            key: RU
            team: support
            fields:
              severity: &levels {type: enum, values: [p1, p2, p3], default: p3}
              impact: *levels
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: &start [open], to: done}
              close: {from: *start, to: done}
            """
        let definition = try WorkflowParser.parse(source, file: "reuse.yaml")
        #expect(definition.fields.map(\.name).sorted() == ["impact", "severity"])
        #expect(definition.transitions.count == 2)
    }

    @Test func aliasesMayStandForUpToTheBound() throws {
        // Ten aliases of a node of 10 000 nodes: exactly 100 000.
        let items = Array(repeating: "x", count: 9_999).joined(separator: ",")
        let aliases = Array(repeating: "*big", count: 10).joined(separator: ", ")
        let exactly = "big: &big [\(items)]\nuse: [\(aliases)]\n"
        #expect(throws: Never.self) { try YAMLBounds.check(exactly) }
        #expect(throws: YAMLBounds.Excess.tooManyAliasedNodes(line: 2, alias: "big")) {
            try YAMLBounds.check(exactly.replacingOccurrences(of: "use: [", with: "use: [*big, "))
        }
    }

    @Test func deepNestingIsRefusedAtTheLevelTooDeep() {
        let nested = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let problems = problems(of: "workflow: deep\nkey: DP\nx: \(nested)\n")
        #expect(problems.map(\.description) == ["bomb.yaml:3: collections are nested more than 64 levels deep"])
        #expect(throws: Never.self) {
            try YAMLBounds.check(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        }
    }

    @Test func aDeeplyNestedBlockDocumentIsRefusedToo() {
        var lines: [String] = []
        for level in 0..<100 { lines.append(String(repeating: " ", count: level) + "k\(level):") }
        let problems = problems(of: lines.joined(separator: "\n") + " end\n")
        #expect(problems.map(\.line) == [65])
    }

    @Test func aDocumentOverOneMebibyteIsRefusedBeforeItIsRead() {
        let padding = "# " + String(repeating: "x", count: 1 << 20) + "\n"
        let problems = problems(of: "workflow: big\n" + padding)
        #expect(problems.map(\.line) == [1])
        #expect(problems.first?.message.hasPrefix("the document is 1048593 bytes; the most") == true)
    }

    @Test func theCalendarsFileIsBoundedToo() {
        let started = ContinuousClock.now
        #expect(throws: CalendarLoadErrors.self) { try CalendarParser.parse(Self.laughsAsKey, file: "calendars.yaml") }
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(throws: WorkflowLoadErrors.self) {
            try WorkflowLibrary(files: [WorkflowSourceFile(path: "w/calendars.yaml", text: Self.laughsAsKey)])
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func brokenYAMLIsStillReportedByTheParser() {
        let problems = problems(of: "workflow: [unclosed\n")
        #expect(problems.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test(arguments: ["", "# only a comment\n", "\n\n"])
    func emptyDocumentsAreEmpty(source: String) throws {
        #expect(try YAMLBounds.check(source))
        #expect(try CalendarParser.parse(source, file: "calendars.yaml").keys.sorted() == ["24x7"])
    }

    @Test func aBrokenDocumentIsNotEmpty() throws {
        #expect(try YAMLBounds.check(": : [") == false)
    }

    /// PostgreSQL text cannot hold a NUL: a team or value with one could be published and then
    /// never stored. Every escape YAML has for it is refused, on the scalar's line.
    @Test(arguments: [#""sup\u0000port""#, #""sup\0port""#, #""sup\x00port""#])
    func aValueHoldingANULIsRefusedOnItsLine(team: String) {
        let source = """
            workflow: nul
            key: NUL
            team: \(team)
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """
        let problems = problems(of: source)
        #expect(problems.map(\.line) == [3], "\(problems)")
        #expect(problems.first?.message.contains("NUL") == true, "\(problems)")
    }
}

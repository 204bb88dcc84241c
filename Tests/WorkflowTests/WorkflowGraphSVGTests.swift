import Foundation
import Testing

@testable import Workflow

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Drawing a workflow's state diagram as SVG")
struct WorkflowGraphSVGTests {
    /// Whether `text` parses as XML, and the parser's error when it does not.
    private func parseError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map(String.init(describing:)) ?? "?")"
    }

    /// Every workflow the repository ships.
    private func shipped() throws -> [WorkflowDefinition] {
        let folder = URL(fileURLWithPath: Fixtures.complaintPath).deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let workflows = try files.filter { $0.hasSuffix(".yaml") }.compactMap { file -> WorkflowDefinition? in
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            return source.hasPrefix("workflow:") || source.contains("\nworkflow:")
                ? try WorkflowParser.parse(source, file: "workflows/\(file)") : nil
        }
        #expect(workflows.count >= 5, "\(files)")
        return workflows
    }

    @Test func everyShippedDiagramIsWellFormedAndNamesEachStateOnce() throws {
        for definition in try shipped() {
            let svg = WorkflowGraph(definition).svg()
            #expect(parseError(svg) == nil, "\(definition.name): \(parseError(svg) ?? "")")
            #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg""#))
            for state in definition.states {
                // A state's name is drawn in its box (darker than edge labels, which may repeat it).
                let label = "fill=\"#111\">\(state.name)</text>"
                #expect(svg.components(separatedBy: label).count == 2, "\(definition.name): \(state.name) once")
            }
            // No style attribute or element: a strict Content-Security-Policy lets it render inline.
            #expect(!svg.contains("style=") && !svg.contains("<style"))
        }
    }

    @Test func statesNeverOverlapAndTransitionsFlowLeftToRightOutsideCycles() throws {
        for definition in try shipped() {
            let graph = WorkflowGraph(definition)
            let layout = GraphLayout(graph)
            for (first, a) in layout.boxes.enumerated() {
                for b in layout.boxes[(first + 1)...] {
                    let apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top
                    #expect(apart, "\(definition.name): \(a) and \(b) overlap")
                }
                #expect(a.left >= 0 && a.top >= 0 && a.right <= layout.width && a.bottom <= layout.height)
            }
            let index = Dictionary(graph.nodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            for (number, edge) in graph.edges.enumerated() where !layout.backEdges.contains(number) {
                // Straight across only to the next column; the others go round, under the states.
                if layout.detours[number] == nil {
                    #expect(layout.columns[index[edge.to]!] - layout.columns[index[edge.from]!] <= 1)
                }
                let from = index[edge.from]!
                let to = index[edge.to]!
                #expect(from == to || layout.columns[from] < layout.columns[to], "\(edge)")
            }
            // The start marker comes first, and the initial state right after it.
            let initial = index[graph.edges[0].to]!
            #expect(layout.columns[0] == 0 && layout.columns[initial] == 1)
        }
    }

    @Test func cyclesAreDrawnAsBackEdgesBelowEveryState() throws {
        // A complaint can be reopened: closed → back into the work, against the flow.
        let graph = WorkflowGraph(try Fixtures.complaint())
        let layout = GraphLayout(graph)
        #expect(!layout.backEdges.isEmpty)
        let lowest = layout.boxes.map(\.bottom).max()!
        let depths = layout.backEdges.map { layout.detours[$0]! }.sorted()
        #expect(depths.first! > lowest && depths.last! < layout.height, "the loops run under the states")
        #expect(Set(depths).count == depths.count, "each at its own depth")
    }

    @Test func labelsHoldingMarkupAreEscaped() throws {
        let source = """
            workflow: awkward
            key: AWK
            team: ops
            fields:
              note: {type: string}
            states:
              open: {initial: true}
              end: {final: true}
            transitions:
              finish:
                from: open
                to: end
                when: 'note != "<script>&x</script>"'
            """
        let svg = WorkflowGraph(try WorkflowParser.parse(source, file: "awkward.yaml")).svg()
        #expect(parseError(svg) == nil, "\(parseError(svg) ?? "")")
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("when note != &quot;&lt;script&gt;&amp;x&lt;/script&gt;&quot;"), "\(svg)")
        #expect(
            svg.contains("Starts in open. end is final. open to end (finish; when note"), "the desc says it in words")
    }

    @Test func aLabelTooLongForItsGapEndsInAnEllipsisAndTheDescriptionHasItWhole() throws {
        let fields = (1...12).map { "field_number_\($0)" }
        let source = """
            workflow: long
            key: LNG
            team: ops
            fields:
            \(fields.map { "  \($0): {type: string}" }.joined(separator: "\n"))
            states:
              open: {initial: true}
              end: {final: true}
            transitions:
              finish: {from: open, to: end, require: [\(fields.joined(separator: ", "))]}
            """
        let svg = WorkflowGraph(try WorkflowParser.parse(source, file: "long.yaml")).svg()
        #expect(svg.contains(">requires field_number_1, field_number_2"), "\(svg)")
        #expect(svg.contains("…</text>"), "\(svg)")
        #expect(svg.contains("field_number_12)."), "the desc names every field")
    }

    @Test func wideCharactersCountAsAFullEm() {
        #expect(GraphLayout.textWidth("退款", size: 10) == 20)
        #expect(GraphLayout.textWidth("ab", size: 10) < 20)
    }
}

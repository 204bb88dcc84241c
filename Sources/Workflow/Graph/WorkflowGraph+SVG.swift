extension WorkflowGraph {
    /// The diagram as a standalone SVG image, laid out by ``GraphLayout`` (left to right), for
    /// pages that show it without Graphviz or a script.
    ///
    /// States are rounded boxes (the initial one with a heavy border, final ones with a double
    /// border), the start marker a dot, choice points small diamonds, timers dashed edges; edges
    /// back against the flow loop underneath. Nothing relies on colour alone, and everything is
    /// drawn with presentation attributes (no `style`), so a strict Content-Security-Policy lets
    /// it render inline. Its `<title>` and `<desc>` say in words what it shows, for screen
    /// readers. Every name and label is escaped as XML.
    /// - Returns: The SVG document, ending in a line break.
    public func svg() -> String {
        let layout = GraphLayout(self)
        let id = "wf-" + String(name.filter { $0.isLetter || $0.isNumber || $0 == "-" })
        let (width, height) = (SVGElement.number(layout.width), SVGElement.number(layout.height))
        let arrow = SVGElement.tag(
            "marker",
            [
                "id": "\(id)-arrow", "viewBox": "0 0 10 10", "refX": "10", "refY": "5", "markerWidth": "8",
                "markerHeight": "8", "orient": "auto-start-reverse",
            ], content: SVGElement.tag("path", ["d": "M0,0 L10,5 L0,10 z", "fill": "#444"]))
        var parts = [
            SVGElement.tag("title", ["id": "\(id)-title"], content: MarkupText.escaped("State diagram of \(name)")),
            SVGElement.tag("desc", ["id": "\(id)-desc"], content: MarkupText.escaped(summary)),
            "<defs>\(arrow)</defs>",
        ]
        parts += edgeDrawings(layout, arrow: "\(id)-arrow")
        parts += nodes.enumerated().map { number, node in Self.drawing(of: node, in: layout.boxes[number]) }
        return SVGElement.tag(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "width": width, "height": height,
                "viewBox": "0 0 \(width) \(height)", "role": "img", "aria-labelledby": "\(id)-title \(id)-desc",
                "font-family": Self.fonts,
            ], content: "\n" + parts.joined(separator: "\n") + "\n") + "\n"
    }

    /// System fonts, with CJK ones, so workflow text in Chinese renders everywhere.
    static let fonts =
        "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"

    /// The diagram in words: the initial and final states, then each edge.
    var summary: String {
        var sentences: [String] = []
        for node in nodes {
            guard case .state(let state, let isInitial, let isFinal) = node else { continue }
            if isInitial { sentences.append("Starts in \(state).") }
            if isFinal { sentences.append("\(state) is final.") }
        }
        for edge in edges where edge.from != .start {
            let label = edge.label.isEmpty ? "" : " (\(edge.label.joined(separator: "; ")))"
            sentences.append("\(Self.spoken(edge.from)) to \(Self.spoken(edge.to))\(label).")
        }
        return sentences.joined(separator: " ")
    }

    private static func spoken(_ node: Node) -> String {
        switch node {
        case .start: "start"
        case .state(let name, _, _): name
        case .choice(let transition): "the choice of \(transition)"
        }
    }

    /// Every edge as a path and, when it has one, its label on a white ground.
    private func edgeDrawings(_ layout: GraphLayout, arrow: String) -> [String] {
        let index = Dictionary(nodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var parallel: [String: Int] = [:]
        var lane = 0
        var drawings: [String] = []
        for (number, edge) in edges.enumerated() {
            let from = layout.boxes[index[edge.from] ?? 0]
            let to = layout.boxes[index[edge.to] ?? 0]
            let route: SVGRoute
            if edge.from == edge.to {
                route = .loop(above: from)
            } else if let depth = layout.detours[number] {
                route = .under(from: from, to: to, depth: depth, lane: lane)
                lane += 1
            } else {
                let key = "\(index[edge.from] ?? 0)>\(index[edge.to] ?? 0)"
                let sibling = parallel[key, default: 0]
                parallel[key] = sibling + 1
                route = .forward(from: from, to: to, bend: Double((sibling + 1) / 2) * (sibling % 2 == 0 ? 18 : -18))
            }
            drawings.append(
                SVGElement.tag(
                    "path",
                    [
                        "d": route.path, "fill": "none", "stroke": "#444", "stroke-width": "1.3",
                        "stroke-dasharray": edge.style == .dashed ? "6 4" : "none", "marker-end": "url(#\(arrow))",
                    ]))
            if !edge.label.isEmpty { drawings.append(Self.label(edge.label, at: route.labelPoint)) }
        }
        return drawings
    }

    /// Label lines centred on `point`, over a white box that keeps lines from crossing them.
    private static func label(_ whole: [String], at point: (x: Double, y: Double)) -> String {
        let lines = whole.map(GraphLayout.fitted)
        let size = GraphLayout.labelFontSize
        let width = (lines.map { GraphLayout.textWidth($0, size: size) }.max() ?? 0) + 8
        let height = Double(lines.count) * (size + 3) + 4
        let top = point.y - height / 2
        let n = SVGElement.number
        var text = [
            SVGElement.tag(
                "rect",
                [
                    "x": n(point.x - width / 2), "y": n(top), "width": n(width), "height": n(height), "fill": "#fff",
                    "fill-opacity": "0.9",
                ])
        ]
        for (line, content) in lines.enumerated() {
            let y = top + size + Double(line) * (size + 3)
            text.append(
                SVGElement.tag(
                    "text",
                    ["x": n(point.x), "y": n(y), "font-size": n(size), "text-anchor": "middle", "fill": "#222"],
                    content: MarkupText.escaped(content)))
        }
        return text.joined(separator: "\n")
    }

    /// A node's shapes and name.
    private static func drawing(of node: Node, in box: GraphLayout.Box) -> String {
        let n = SVGElement.number
        switch node {
        case .start:
            return SVGElement.tag(
                "circle", ["cx": n(box.x), "cy": n(box.y), "r": "7", "fill": "#222"],
                content: SVGElement.tag("title", [:], content: "start"))
        case .choice(let transition):
            let points = [(box.x, box.top), (box.right, box.y), (box.x, box.bottom), (box.left, box.y)]
                .map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
            return SVGElement.tag(
                "polygon", ["points": points, "fill": "#fff", "stroke": "#444", "stroke-width": "1.3"],
                content: SVGElement.tag("title", [:], content: MarkupText.escaped("choice of \(transition)")))
        case .state(let name, let isInitial, let isFinal):
            var shapes = [
                SVGElement.tag(
                    "rect",
                    [
                        "x": n(box.left), "y": n(box.top), "width": n(box.width), "height": n(box.height), "rx": "8",
                        "fill": "#fff", "stroke": "#222", "stroke-width": isInitial ? "2.6" : "1.3",
                    ])
            ]
            if isFinal {
                shapes.append(
                    SVGElement.tag(
                        "rect",
                        [
                            "x": n(box.left + 3.5), "y": n(box.top + 3.5), "width": n(box.width - 7),
                            "height": n(box.height - 7), "rx": "6", "fill": "none", "stroke": "#222",
                            "stroke-width": "1",
                        ]))
            }
            shapes.append(
                SVGElement.tag(
                    "text",
                    [
                        "x": n(box.x), "y": n(box.y + GraphLayout.fontSize * 0.35),
                        "font-size": n(GraphLayout.fontSize),
                        "text-anchor": "middle", "fill": "#111",
                    ], content: MarkupText.escaped(name)))
            return "<g>" + shapes.joined() + "</g>"
        }
    }
}

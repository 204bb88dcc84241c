/// Where each node of a ``WorkflowGraph`` goes on a page, left to right: a layered layout in the
/// manner of Sugiyama's, small enough to compute on every page view.
///
/// Cycles are broken by a depth-first walk from the start marker (edges back to a node on the
/// walk's path are drawn as back edges); each node's column is the longest path to it over the
/// forward edges; the nodes of a column are ordered by the barycentre of their neighbours, a few
/// sweeps each way, which keeps crossings few without promising their minimum. Widths are
/// estimated from the text (a CJK character counts as a full em), since no font is measured.
struct GraphLayout: Sendable {
    /// A node's box: its centre, width and height.
    struct Box: Sendable, Hashable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        var left: Double { x - width / 2 }
        var right: Double { x + width / 2 }
        var top: Double { y - height / 2 }
        var bottom: Double { y + height / 2 }
    }

    /// The boxes, in the graph's node order.
    let boxes: [Box]
    /// Each node's column.
    let columns: [Int]
    /// The indexes of the edges drawn against the flow (to an earlier or the same column).
    let backEdges: Set<Int>
    /// The edges drawn under the columns rather than straight across (the back edges, and those
    /// that skip a column: a straight line would cross the states between), each with the depth
    /// of its horizontal run; one below the other, with room for their labels.
    let detours: [Int: Double]
    /// The page's size.
    let width: Double
    let height: Double

    static let fontSize = 13.0
    static let labelFontSize = 11.0
    static let rowGap = 36.0
    static let margin = 24.0
    /// The least room between two columns; more when the edges between them carry long labels.
    static let minimumColumnGap = 70.0
    static let maximumColumnGap = 300.0
    /// The widest a label line is drawn; longer ones end in `…` (the diagram's `<desc>` has them whole).
    static let maximumLabelWidth = maximumColumnGap - 24

    /// The layout of `graph`.
    init(_ graph: WorkflowGraph) {
        let index = Dictionary(graph.nodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let links = graph.edges.map { (index[$0.from] ?? 0, index[$0.to] ?? 0) }
        let back = Self.backEdges(nodeCount: graph.nodes.count, links: links)
        let columns = Self.columns(nodeCount: graph.nodes.count, links: links, back: back)
        let rows = Self.ordered(columns: columns, links: links)
        let sizes = graph.nodes.map(Self.size)
        var gaps: [Double] = Array(repeating: Self.minimumColumnGap, count: (columns.max() ?? 0) + 1)
        // Rows further apart in a column whose states many-line labels lead into, so that the
        // labels of edges fanning into neighbouring states do not cover each other.
        var rowGaps: [Double] = Array(repeating: Self.rowGap, count: gaps.count)
        for (number, edge) in graph.edges.enumerated() where !back.contains(number) {
            let from = columns[links[number].0]
            let room = (edge.label.map { Self.textWidth(Self.fitted($0), size: Self.labelFontSize) }.max() ?? 0) + 24
            gaps[from] = min(max(gaps[from], room), Self.maximumColumnGap)
            let to = columns[links[number].1]
            rowGaps[to] = max(rowGaps[to], Double(edge.label.count) * (Self.labelFontSize + 3) + 16)
        }
        var boxes = sizes.map { Box(x: 0, y: 0, width: $0.width, height: $0.height) }
        var x = Self.margin
        var height = 0.0
        for (column, members) in rows.enumerated() {
            let columnWidth = members.map { sizes[$0].width }.max() ?? 0
            var y = Self.margin
            for node in members {
                boxes[node].x = x + columnWidth / 2
                boxes[node].y = y + sizes[node].height / 2
                y += sizes[node].height + rowGaps[column]
            }
            height = max(height, y - rowGaps[column])
            x += columnWidth + gaps[column]
        }
        // Centre each column on the tallest one; detours run below it all.
        for members in rows {
            guard let last = members.last else { continue }
            let shift = (height - boxes[last].bottom) / 2
            for node in members { boxes[node].y += shift }
        }
        self.boxes = boxes
        self.columns = columns
        var detours: [Int: Double] = [:]
        var depth = (boxes.map(\.bottom).max() ?? 0) + 12
        for (number, link) in links.enumerated() where link.0 != link.1 {
            guard back.contains(number) || columns[link.1] - columns[link.0] > 1 else { continue }
            let label = Double(graph.edges[number].label.count) * (Self.labelFontSize + 3)
            depth += max(label, 8) / 2 + 8
            detours[number] = depth
            depth += max(label, 8) / 2
        }
        self.backEdges = back
        self.detours = detours
        self.width = x - (gaps.last ?? 0) + Self.margin
        self.height = detours.isEmpty ? height + Self.margin : depth + Self.margin
    }

    /// `line` as drawn in a label: cut to ``maximumLabelWidth`` with `…`.
    static func fitted(_ line: String) -> String {
        guard textWidth(line, size: labelFontSize) > maximumLabelWidth else { return line }
        var kept = ""
        for character in line {
            guard textWidth(kept + String(character) + "…", size: labelFontSize) <= maximumLabelWidth else { break }
            kept.append(character)
        }
        return kept + "…"
    }

    /// A node's size: a state's box fits its name; the start marker and choice points are small.
    static func size(of node: WorkflowGraph.Node) -> (width: Double, height: Double) {
        switch node {
        case .start: (14, 14)
        case .choice: (22, 22)
        case .state(let name, _, _): (max(textWidth(name, size: fontSize) + 28, 70), 34)
        }
    }

    /// An estimate of `text`'s width at `size` points: CJK and other wide characters a full em,
    /// the rest a little over half of one.
    static func textWidth(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { width, scalar in
            width + (scalar.value >= 0x2E80 ? size : size * 0.62)
        }
    }

    /// The edges that close a cycle, found by a depth-first walk from node 0 (the start marker),
    /// then from any node it never reached, in the graph's order.
    private static func backEdges(nodeCount: Int, links: [(Int, Int)]) -> Set<Int> {
        var outgoing = Array(repeating: [Int](), count: nodeCount)
        for (number, link) in links.enumerated() { outgoing[link.0].append(number) }
        var state = Array(repeating: 0, count: nodeCount)  // 0 new, 1 on the path, 2 done
        var back: Set<Int> = []
        for root in 0..<nodeCount where state[root] == 0 {
            // An explicit stack of (node, next outgoing edge), so deep graphs cannot overflow.
            var stack = [(root, 0)]
            state[root] = 1
            while let (node, next) = stack.last {
                guard next < outgoing[node].count else {
                    state[node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].1 += 1
                let edge = outgoing[node][next]
                let target = links[edge].1
                switch state[target] {
                case 1: back.insert(edge)
                case 0:
                    state[target] = 1
                    stack.append((target, 0))
                default: break
                }
            }
        }
        return back
    }

    /// Each node's column: the longest path to it over the forward edges.
    private static func columns(nodeCount: Int, links: [(Int, Int)], back: Set<Int>) -> [Int] {
        var columns = Array(repeating: 0, count: nodeCount)
        // The forward edges form a DAG; relaxing them nodeCount times settles every longest path.
        for _ in 0..<nodeCount {
            var changed = false
            for (number, link) in links.enumerated() where !back.contains(number) && link.0 != link.1 {
                if columns[link.1] < columns[link.0] + 1 {
                    columns[link.1] = columns[link.0] + 1
                    changed = true
                }
            }
            if !changed { break }
        }
        return columns
    }

    /// The nodes of each column, top to bottom: first in the graph's order, then by the mean row
    /// of their neighbours in other columns, four sweeps.
    private static func ordered(columns: [Int], links: [(Int, Int)]) -> [[Int]] {
        var rows = Array(repeating: [Int](), count: (columns.max() ?? 0) + 1)
        for (node, column) in columns.enumerated() { rows[column].append(node) }
        var neighbours = Array(repeating: [Int](), count: columns.count)
        for link in links where link.0 != link.1 {
            neighbours[link.0].append(link.1)
            neighbours[link.1].append(link.0)
        }
        for _ in 0..<4 {
            var position = Array(repeating: 0.0, count: columns.count)
            for members in rows {
                for (row, node) in members.enumerated() { position[node] = Double(row) }
            }
            rows = rows.map { members in
                let keyed = members.enumerated().map { row, node -> (Double, Int, Int) in
                    let around = neighbours[node].filter { columns[$0] != columns[node] }
                    let mean =
                        around.isEmpty ? Double(row) : around.map { position[$0] }.reduce(0, +) / Double(around.count)
                    return (mean, row, node)
                }
                return keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
            }
        }
        return rows
    }
}

/// The way one edge of a laid-out diagram goes, and where its label sits.
enum SVGRoute {
    /// From the right side of one box to the left side of a later column's, a gentle curve;
    /// `bend` moves parallel edges apart.
    case forward(from: GraphLayout.Box, to: GraphLayout.Box, bend: Double)
    /// Against the flow, or past a column: out of one box's right side, down the gap beside its column, along
    /// under every column at `depth`, up the gap before the other's column and into its left
    /// side, so it crosses no box. `lane` keeps several such edges apart in the gaps.
    case under(from: GraphLayout.Box, to: GraphLayout.Box, depth: Double, lane: Int)
    /// From a box back to itself, a loop over its top.
    case loop(above: GraphLayout.Box)

    /// The SVG path data.
    var path: String {
        let n = SVGElement.number
        switch self {
        case .forward(let from, let to, let bend):
            let ((x1, y1), (c1x, c1y), (c2x, c2y), (x2, y2)) = Self.curve(from: from, to: to, bend: bend)
            return "M\(n(x1)),\(n(y1)) C\(n(c1x)),\(n(c1y)) \(n(c2x)),\(n(c2y)) \(n(x2)),\(n(y2))"
        case .under(let from, let to, let depth, let lane):
            let out = from.right + 12 + Double(lane % 4) * 6
            let back = to.left - 12 - Double(lane % 4) * 6
            return "M\(n(from.right)),\(n(from.y)) L\(n(out)),\(n(from.y)) L\(n(out)),\(n(depth))"
                + " L\(n(back)),\(n(depth)) L\(n(back)),\(n(to.y)) L\(n(to.left)),\(n(to.y))"
        case .loop(let box):
            let top = box.top
            return
                "M\(n(box.x - 12)),\(n(top)) C\(n(box.x - 34)),\(n(top - 40)) \(n(box.x + 34)),\(n(top - 40)) \(n(box.x + 12)),\(n(top))"
        }
    }

    /// Where the edge's label is centred: on a forward curve nearer its end, where edges fanning
    /// out of one state have spread apart.
    var labelPoint: (x: Double, y: Double) {
        switch self {
        case .forward(let from, let to, let bend):
            let (p0, p1, p2, p3) = Self.curve(from: from, to: to, bend: bend)
            let t = 0.6
            let (a, b, c, d) = ((1 - t) * (1 - t) * (1 - t), 3 * (1 - t) * (1 - t) * t, 3 * (1 - t) * t * t, t * t * t)
            return (a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1)
        case .under(let from, let to, let depth, _):
            return ((from.right + to.left) / 2, depth)
        case .loop(let box):
            return (box.x, box.top - 36)
        }
    }

    /// A forward edge's cubic Bézier: its ends and control points.
    private static func curve(
        from: GraphLayout.Box, to: GraphLayout.Box, bend: Double
    ) -> (
        (Double, Double), (Double, Double), (Double, Double), (Double, Double)
    ) {
        let reach = (to.left - from.right) / 2
        return (
            (from.right, from.y), (from.right + reach, from.y + bend * 2), (to.left - reach, to.y + bend * 2),
            (to.left, to.y)
        )
    }
}

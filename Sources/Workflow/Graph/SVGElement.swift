/// Writes one SVG element: its attributes escaped and in the order given, then its content
/// (already markup) or a self-closing end.
enum SVGElement {
    static func tag(_ name: String, _ attributes: KeyValuePairs<String, String>, content: String? = nil) -> String {
        let written = attributes.map { " \($0.key)=\"\(MarkupText.escaped($0.value))\"" }.joined()
        guard let content else { return "<\(name)\(written)/>" }
        return "<\(name)\(written)>\(content)</\(name)>"
    }

    /// A coordinate with at most one decimal, as SVG reads it.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}

import Yams

extension SourceNode {
    /// An expression written as a scalar, e.g. `when: "score >= 15"`, kept with its position.
    func expression() throws(WorkflowLoadError) -> ExpressionSource {
        let text = try string()
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw error("\(label) must be an expression, not blank")
        }
        guard case .scalar(let scalar) = node, let mark = scalar.mark else {
            return ExpressionSource(text: text, line: line, column: 1)
        }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        return ExpressionSource(text: text, line: mark.line, column: mark.column + (quoted ? 1 : 0))
    }
}

import Yams

extension SourceNode {
    /// An expression written as a scalar, e.g. `when: "score >= 15"`, parsed and kept with its
    /// position.
    func expression() throws(WorkflowLoadError) -> ExpressionSource {
        let text = try string()
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw error("\(label) must be an expression, not blank")
        }
        var line = self.line
        var column = 1
        if case .scalar(let scalar) = node, let mark = scalar.mark {
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            (line, column) = (mark.line, mark.column + (quoted ? 1 : 0))
        }
        do throws(ExpressionError) {
            return try ExpressionSource(text: text, line: line, column: column)
        } catch {
            throw WorkflowLoadError(file: file, line: line, message: ExpressionCheck.message(label, text, error))
        }
    }
}

extension SourceNode {
    /// A working-time duration such as `30m`, `4h` or `1d4h`.
    func duration() throws(WorkflowLoadError) -> WorkDuration {
        let text = node.scalar?.string ?? ""
        guard case .scalar = node else {
            throw error("\(label) has invalid duration '\(text)' (use e.g. 45s, 30m, 4h, 1d4h)")
        }
        switch WorkDuration.checked(text) {
        case .success(let duration): return duration
        case .failure(.malformed):
            throw error("\(label) has invalid duration '\(text)' (use e.g. 45s, 30m, 4h, 1d4h)")
        case .failure(.tooLong):
            throw error("\(label) has duration '\(text)', longer than \(WorkDuration.longest) (ten years)")
        }
    }
}

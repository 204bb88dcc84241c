import Workflow

extension APIError {
    /// 422 `invalid_workflow`: a workflow document does not load, or does not agree with the
    /// published workflows. Details `problems` list every problem as `file:line: message`.
    static func invalidWorkflow(_ problems: [WorkflowLoadError]) -> APIError {
        let summary = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return APIError(
            .unprocessableContent, code: "invalid_workflow",
            message: "the workflow document has \(summary), listed in 'problems'",
            details: ["problems": .array(problems.map { .string($0.description) })])
    }
}

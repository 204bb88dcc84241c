import Foundation
import Testing

@testable import Workflow

/// Shared inputs for the workflow tests.
enum Fixtures {
    /// The path of the shipped complaint workflow, relative to this file.
    static let complaintPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("workflows/complaint-escalation.yaml")
        .path

    /// The shipped complaint workflow, parsed.
    static func complaint() throws -> WorkflowDefinition {
        let source = try String(contentsOfFile: complaintPath, encoding: .utf8)
        return try WorkflowParser.parse(source, file: "workflows/complaint-escalation.yaml")
    }

    /// Parses `source`, expecting it to be refused, and returns the first problem found, reading
    /// the file from the top (whatever else a file cut short for the test lacks comes after).
    static func loadError(
        _ source: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> WorkflowLoadError? {
        let problems = loadErrors(source)
        #expect(!problems.isEmpty, "the workflow loads", sourceLocation: sourceLocation)
        return problems.first
    }

    /// Every problem of `source`, in the order found; empty when it loads.
    static func loadErrors(_ source: String) -> [WorkflowLoadError] {
        var problems = LoadProblems()
        _ = WorkflowParser.read(source, file: "workflows/demo.yaml", problems: &problems)
        return problems.errors
    }
}

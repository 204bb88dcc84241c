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

    /// Parses `source`, expecting it to be refused, and returns the error.
    static func loadError(
        _ source: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> WorkflowLoadError? {
        #expect(throws: WorkflowLoadError.self, sourceLocation: sourceLocation) {
            try WorkflowParser.parse(source, file: "workflows/demo.yaml")
        }
    }
}

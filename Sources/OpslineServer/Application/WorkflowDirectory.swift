import Foundation
import Workflow

/// The `*.yaml` workflow files of a folder, read and checked before anything is published.
public struct WorkflowDirectory: Sendable {
    /// One file's path (as given, for messages) and content.
    public struct File: Sendable {
        /// The path shown in messages, e.g. `workflows/risk-review.yaml`.
        public let path: String
        /// The YAML text.
        public let source: String
    }

    /// The workflow files, sorted by name; `calendars.yaml` is not a workflow and is skipped.
    public let files: [File]

    /// Reads and parses every file; the first broken one stops with `file:line: what is wrong`.
    public init(url: URL) throws(ServerStartupError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .workflowsUnreadable(path: url.path, reason: error.localizedDescription)
        }
        var files: [File] = []
        var fileByName: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            guard name != "calendars.yaml" else { continue }
            let path = url.appendingPathComponent(name).relativePath
            let source: String
            do { source = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw .workflowsUnreadable(path: path, reason: error.localizedDescription)
            }
            let definition: WorkflowDefinition
            do { definition = try WorkflowParser.parse(source, file: path) } catch { throw .invalidWorkflow(error) }
            if let other = fileByName[definition.name] {
                throw .duplicateWorkflow(name: definition.name, files: [other, path])
            }
            fileByName[definition.name] = path
            files.append(File(path: path, source: source))
        }
        self.files = files
    }
}

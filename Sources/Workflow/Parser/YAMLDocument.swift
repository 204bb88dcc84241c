import Yams

/// Turns workflow source into a YAML node tree, translating Yams' errors into load errors.
enum YAMLDocument {
    /// Composes the first document of `source`.
    /// - Returns: The root node, labelled as the workflow.
    static func compose(_ source: String, file: String) throws(WorkflowLoadError) -> SourceNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: source)
        } catch let error as YamlError {
            throw loadError(from: error, source: source, file: file)
        } catch {
            throw WorkflowLoadError(file: file, line: 1, message: "invalid YAML: \(error)")
        }
        guard let root else {
            throw WorkflowLoadError(file: file, line: 1, message: "the file is empty")
        }
        return SourceNode(node: root, line: root.mark?.line ?? 1, label: "the workflow", file: file)
    }

    private static func loadError(
        from error: YamlError, source: String, file: String
    )
        -> WorkflowLoadError
    {
        let (line, message) = describe(error, source: source)
        return WorkflowLoadError(file: file, line: line, message: message)
    }

    private static func describe(_ error: YamlError, source: String) -> (line: Int, message: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return (mark.line, "invalid YAML: \(problem)\(detail)")
        case .reader(let problem, let offset, _, _):
            return (offset.map { line(atUTF8Offset: $0, in: source) } ?? 1, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark
            let repeated = DuplicateKeyLocator.line(ofRepeated: key, firstAt: first, in: source)
            return (repeated, "duplicate key '\(key)' (first defined on line \(first.line))")
        default:
            return (1, "invalid YAML: \(error)")
        }
    }

    private static func line(atUTF8Offset offset: Int, in source: String) -> Int {
        source.utf8.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}

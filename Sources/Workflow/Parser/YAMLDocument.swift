import Yams

/// Turns workflow source into a YAML node tree, translating Yams' errors into load errors.
enum YAMLDocument {
    /// How many repeated keys one file may have set aside before the rest is given up on.
    private static let repeatedKeyLimit = 50

    /// Composes the first document of `source`, going on past repeated keys: each is reported
    /// where it is repeated and set aside (``RepeatedKey``), and the rest of the file is read.
    /// A document that exceeds ``YAMLBounds`` (its size, nesting, or what its aliases stand for)
    /// is refused before it is composed.
    /// - Returns: The root node, labelled as the workflow; `nil` when the file is empty, is not
    ///   YAML or exceeds the bounds (reported).
    static func compose(_ source: String, file: String, problems: inout LoadProblems) -> SourceNode? {
        do throws(YAMLBounds.Excess) {
            try YAMLBounds.check(source)
        } catch {
            problems.report(WorkflowLoadError(file: file, line: error.line, message: error.message))
            return nil
        }
        var text = source
        var setAside = 0
        while true {
            do {
                guard let root = try Yams.compose(yaml: text) else {
                    problems.report(WorkflowLoadError(file: file, line: 1, message: "the file is empty"))
                    return nil
                }
                return SourceNode(node: root, line: root.mark?.line ?? 1, label: "the workflow", file: file)
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let key = duplicates.first ?? ""
                let first = context.mark
                let message = "duplicate key '\(key)' (first defined on line \(first.line))"
                guard setAside < repeatedKeyLimit,
                    let repeated = DuplicateKeyLocator.repetition(of: key, firstAt: first, in: text)
                else {
                    problems.report(WorkflowLoadError(file: file, line: first.line, message: message))
                    return nil
                }
                problems.report(WorkflowLoadError(file: file, line: repeated.line, message: message))
                setAside += 1
                text = RepeatedKey.setAside(repeated, in: text, number: setAside)
            } catch let error as YamlError {
                problems.report(loadError(from: error, source: text, file: file))
                return nil
            } catch {
                problems.report(WorkflowLoadError(file: file, line: 1, message: "invalid YAML: \(error)"))
                return nil
            }
        }
    }

    /// Composes the first document of `source`.
    /// - Returns: The root node, labelled as the workflow.
    /// - Throws: The first problem: broken YAML, an empty file, a repeated key or a document
    ///   beyond ``YAMLBounds``.
    static func compose(_ source: String, file: String) throws(WorkflowLoadError) -> SourceNode {
        var problems = LoadProblems()
        let root = compose(source, file: file, problems: &problems)
        if let first = problems.errors.first { throw first }
        guard let root else { throw WorkflowLoadError(file: file, line: 1, message: "the file is empty") }
        return root
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
        default:
            return (1, "invalid YAML: \(error)")
        }
    }

    private static func line(atUTF8Offset offset: Int, in source: String) -> Int {
        source.utf8.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}

import Yams

/// A YAML mapping read key by key, so that every value keeps its line and its name.
struct SourceMapping {
    /// One key and its value.
    struct Entry {
        /// The key's text.
        let key: String
        /// The key's 1-based line.
        let keyLine: Int
        /// The value.
        let value: Node
    }

    /// The node that holds the mapping.
    let owner: SourceNode
    /// How messages name the mapping, e.g. `state 'received'`; empty for the top level.
    let context: String
    /// The entries, in file order.
    let entries: [Entry]

    /// Refuses keys other than `allowed`, naming the first stranger (usually a typo).
    func allowOnly(_ allowed: [String]) throws(WorkflowLoadError) {
        if let first = unknownKeys(allowed).first { throw first }
    }

    /// Reports every key other than `allowed`.
    func reportUnknownKeys(_ allowed: [String], to problems: inout LoadProblems) {
        unknownKeys(allowed).forEach { problems.report($0) }
    }

    private func unknownKeys(_ allowed: [String]) -> [WorkflowLoadError] {
        let place = context.isEmpty ? "" : " in \(context)"
        return entries.filter { !allowed.contains($0.key) }.map { stranger in
            WorkflowLoadError(
                file: owner.file,
                line: stranger.keyLine,
                message: "unknown key '\(stranger.key)'\(place) (expected one of: \(allowed.joined(separator: ", ")))"
            )
        }
    }

    /// The value of `key`, or `nil` when the key is absent.
    func value(_ key: String) -> SourceNode? {
        entries.first { $0.key == key }.map(node(for:))
    }

    /// The value of `key`, or an error pointing at the mapping when it is absent.
    func require(_ key: String) throws(WorkflowLoadError) -> SourceNode {
        guard let value = value(key) else {
            let subject = context.isEmpty ? "the workflow" : context
            throw owner.error("\(subject) is missing '\(key)'")
        }
        return value
    }

    /// Every entry's value, labelled by its key, e.g. the states under `states:`.
    func namedValues(label: (String) -> String) -> [(name: NameAt, value: SourceNode)] {
        entries.map { entry in
            let value = node(for: entry)
            let labelled = SourceNode(
                node: value.node, line: entry.keyLine, label: label(entry.key), file: owner.file)
            return (NameAt(name: entry.key, line: entry.keyLine), labelled)
        }
    }

    private func node(for entry: Entry) -> SourceNode {
        let line: Int
        if case .scalar = entry.value, let mark = entry.value.mark {
            line = mark.line
        } else {
            line = entry.keyLine
        }
        let label = context.isEmpty ? "'\(entry.key)'" : "\(context): '\(entry.key)'"
        return SourceNode(node: entry.value, line: line, label: label, file: owner.file)
    }
}

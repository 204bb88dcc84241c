import Yams

/// A YAML node together with where it is and how to name it in an error message.
struct SourceNode {
    /// The composed YAML node.
    let node: Node
    /// The line errors about this node point to.
    let line: Int
    /// How messages name the node, e.g. `state 'received': 'initial'`.
    let label: String
    /// The file, for error messages.
    let file: String

    /// An error pointing at this node.
    func error(_ message: String) -> WorkflowLoadError {
        WorkflowLoadError(file: file, line: line, message: message)
    }

    /// Whether the node is an empty value or `null`.
    var isNull: Bool {
        guard case .scalar = node else { return false }
        return node.tag.rawValue == Tag.Name.null.rawValue
    }

    /// The node as a mapping; `null` counts as an empty one when `allowingNull` is set. Keys set
    /// aside as repetitions (``RepeatedKey``) are left out: the first occurrence is the one read.
    func mapping(
        context: String, allowingNull: Bool = false
    ) throws(WorkflowLoadError)
        -> SourceMapping
    {
        if allowingNull && isNull {
            return SourceMapping(owner: self, context: context, entries: [])
        }
        guard case .mapping(let mapping) = node else {
            throw error("\(label) must be a mapping of keys to values")
        }
        let entries = mapping.compactMap { pair -> SourceMapping.Entry? in
            let key = pair.key.string ?? ""
            guard !RepeatedKey.isSetAside(key) else { return nil }
            return SourceMapping.Entry(key: key, keyLine: pair.key.mark?.line ?? line, value: pair.value)
        }
        return SourceMapping(owner: self, context: context, entries: entries)
    }

    /// The items of a sequence node.
    func sequence(of what: String) throws(WorkflowLoadError) -> [SourceNode] {
        guard case .sequence(let sequence) = node else {
            throw error("\(label) must be a list of \(what)")
        }
        return sequence.enumerated().map { index, item in
            SourceNode(
                node: item, line: item.mark?.line ?? line, label: "\(label) item \(index + 1)", file: file)
        }
    }

    /// The text of a non-null scalar.
    func string() throws(WorkflowLoadError) -> String {
        guard case .scalar(let scalar) = node, !isNull, !scalar.string.isEmpty else {
            throw error("\(label) must be a non-empty string")
        }
        return scalar.string
    }

    /// A `true`/`false` scalar.
    func bool() throws(WorkflowLoadError) -> Bool {
        guard node.tag.rawValue == Tag.Name.bool.rawValue, let value = node.bool else {
            throw error("\(label) must be true or false, not '\(node.scalar?.string ?? "a collection")'")
        }
        return value
    }

    /// An integer or decimal scalar.
    func number() throws(WorkflowLoadError) -> Double {
        let tag = node.tag.rawValue
        guard tag == Tag.Name.int.rawValue || tag == Tag.Name.float.rawValue, let value = node.float
        else {
            throw error("\(label) must be a number, not '\(node.scalar?.string ?? "a collection")'")
        }
        return value
    }

    /// One name or a list of names, each with its own line.
    func names(of what: String) throws(WorkflowLoadError) -> [NameAt] {
        if case .scalar = node {
            return [NameAt(name: try string(), line: line)]
        }
        var names: [NameAt] = []
        for item in try sequence(of: what) {
            names.append(NameAt(name: try item.string(), line: item.line))
        }
        guard !names.isEmpty else { throw error("\(label) must not be empty") }
        return names
    }
}

/// A name found in a file and the line it is on.
struct NameAt: Hashable {
    /// The name.
    let name: String
    /// Its 1-based line.
    let line: Int
}

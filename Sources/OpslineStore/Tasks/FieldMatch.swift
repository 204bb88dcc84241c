import Workflow

/// One `field.<name>=<value>` condition of a task list: the task's field holds the value (for a
/// list field, the list holds it).
///
/// The value comes as text and is read as the field's type says; a field declared with different
/// types by different workflows matches what the text means in any of them (`3` is the number 3
/// for an `int` field and the string "3" for a `string` one).
public struct FieldMatch: Sendable, Hashable {
    /// The field's name.
    public let name: String
    /// JSON objects `{name: value}` that a matching task's `fields` contain (`@>`), any of them.
    let patterns: [JSONValue]

    /// Why a condition names no field that could hold its value.
    public enum Problem: Error, Sendable, Hashable {
        /// No workflow considered declares a field of this name.
        case unknownField
        /// The fields of this name hold values of these types, and the text is none of them.
        case notA([String])
    }

    /// The condition `name = text` over the fields `definitions` declare (every workflow's
    /// fields of that name).
    /// - Throws: ``Problem`` when no definition has the name, or none can hold the text.
    public init(name: String, text: String, definitions: [FieldDefinition]) throws(Problem) {
        let named = definitions.filter { $0.name == name }
        guard !named.isEmpty else { throw .unknownField }
        var patterns: [JSONValue] = []
        for definition in named {
            for value in Self.values(of: text, as: definition.type) where !patterns.contains(.object([name: value])) {
                patterns.append(.object([name: value]))
            }
        }
        guard !patterns.isEmpty else {
            var types: [String] = []
            for definition in named where !types.contains(definition.type.description) {
                types.append(definition.type.description)
            }
            throw .notA(types)
        }
        self.name = name
        self.patterns = patterns
    }

    /// What `text` may mean as a value of `type`: none when it cannot be one. A list matches a
    /// list holding the value, so its pattern is a list of that one value.
    static func values(of text: String, as type: FieldType) -> [JSONValue] {
        switch type {
        case .string, .text, .user, .date, .attachment: return [.string(text)]
        case .enumeration(let values): return values.contains(text) ? [.string(text)] : []
        case .int: return Int64(text).map { [.int($0)] } ?? []
        case .decimal:
            guard let number = Double(text), number.isFinite else { return [] }
            if let whole = Int64(exactly: number) { return [.int(whole), .double(number)] }
            return [.double(number)]
        case .bool:
            switch text {
            case "true": return [true]
            case "false": return [false]
            default: return []
            }
        case .list(let items): return values(of: text, as: items).map { .array([$0]) }
        }
    }
}

extension WorkflowCatalog {
    /// The declared fields of the latest version of `workflow`, or of every workflow when nil
    /// (none for a workflow that is not published): what a `field.<name>=` condition may name.
    public func fieldDefinitions(of workflow: String?) -> [FieldDefinition] {
        guard let workflow else { return latestVersions().flatMap(\.definition.fields) }
        return latest(workflow)?.definition.fields ?? []
    }
}

import Workflow

/// A task list ordered by one field: `sort=field.<name>` smallest first, `sort=-field.<name>`
/// largest first. Tasks without a value come last either way; ties go oldest first.
///
/// How values compare follows the field's declared type: numbers (`int`, `decimal`) by value,
/// an `enum` by the order its values are declared in (`low`, `medium`, `high`), a `bool` false
/// before true, and strings, dates (`YYYY-MM-DD`) and user names as text.
public struct FieldOrder: Sendable, Hashable {
    /// The prefix of `sort=` that names a field.
    public static let prefix = "field."

    /// The field's name.
    public let name: String
    /// Largest first.
    public let descending: Bool
    /// How the values compare.
    let comparison: Comparison

    /// How a field's values compare.
    enum Comparison: Sendable, Hashable {
        /// JSON numbers, by value.
        case number
        /// JSON strings, as text.
        case text
        /// By their place in this list (an enum's values, a bool's `false`, `true`).
        case ranked([String])
    }

    /// Why a `sort=` value names no field a list can be ordered by.
    public enum Problem: Error, Sendable, Hashable {
        /// No workflow considered declares a field of this name.
        case unknownField(String)
        /// The field holds lists or files, which have no order.
        case unordered(String, type: String)
        /// Workflows declare the field with types that compare differently.
        case typesDisagree(String, types: [String])
    }

    /// The order `sort` asks for (`field.score` or `-field.score`), or nil when it names no
    /// field (a word such as `due`).
    /// - Parameter definitions: The fields the list's workflows declare (every workflow's when
    ///   the list is not of one workflow).
    /// - Throws: ``Problem`` when the field is unknown or its values cannot be ordered.
    public init?(sort: String, definitions: [FieldDefinition]) throws(Problem) {
        let descending = sort.hasPrefix("-")
        let named = descending ? sort.dropFirst() : Substring(sort)
        guard named.hasPrefix(Self.prefix) else { return nil }
        let name = String(named.dropFirst(Self.prefix.count))
        let types = definitions.filter { $0.name == name }.map(\.type)
        guard !types.isEmpty else { throw .unknownField(name) }
        let comparisons = try types.map { type throws(Problem) in try Self.comparison(of: type, field: name) }
        guard let comparison = comparisons.first, comparisons.allSatisfy({ $0 == comparison }) else {
            var described: [String] = []
            for type in types where !described.contains(type.description) { described.append(type.description) }
            throw .typesDisagree(name, types: described)
        }
        self.name = name
        self.descending = descending
        self.comparison = comparison
    }

    /// The value of `sort=` that asks for this order.
    public var sortName: String { (descending ? "-" : "") + Self.prefix + name }

    private static func comparison(of type: FieldType, field: String) throws(Problem) -> Comparison {
        switch type {
        case .int, .decimal: .number
        case .string, .text, .date, .user: .text
        case .enumeration(let values): .ranked(values)
        case .bool: .ranked(["false", "true"])
        case .attachment, .list: throw .unordered(field, type: type.description)
        }
    }
}

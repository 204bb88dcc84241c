/// One declared task field: its type, whether it must be present, and its limits.
public struct FieldDefinition: Sendable, Hashable {
    /// The field's name, `[a-z][a-z0-9_]*`.
    public let name: String
    /// What values the field holds.
    public let type: FieldType
    /// Whether every task must have a non-null value.
    public let required: Bool
    /// The value a new task gets when it does not give one.
    public let defaultValue: JSONValue?
    /// The smallest allowed number (`int` and `decimal` fields only).
    public let min: Double?
    /// The largest allowed number (`int` and `decimal` fields only).
    public let max: Double?
    /// An optional human label.
    public let title: String?

    /// Creates a field definition.
    /// - Parameters:
    ///   - name: The field's name.
    ///   - type: What values the field holds.
    ///   - required: Whether every task must have a value.
    ///   - defaultValue: The value a new task gets when it does not give one.
    ///   - min: The smallest allowed number.
    ///   - max: The largest allowed number.
    ///   - title: An optional human label.
    public init(
        name: String,
        type: FieldType,
        required: Bool = false,
        defaultValue: JSONValue? = nil,
        min: Double? = nil,
        max: Double? = nil,
        title: String? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
        self.title = title
    }
}

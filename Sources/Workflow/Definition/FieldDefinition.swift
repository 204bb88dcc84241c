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
    /// The expression a computed field's value comes from (`compute:`); computed fields are never
    /// required, have no default and cannot be set by clients.
    public let compute: ExpressionSource?
    /// The children's field a roll-up field sums (`rollup:`); roll-up fields cannot be set by
    /// clients either.
    public let rollup: FieldRollup?
    /// The record a lookup field's value comes from (`lookup:`); clients may set it, but a record
    /// found overrides them.
    public let lookup: FieldLookup?

    /// Whether the field's value is computed from other fields.
    var isComputed: Bool { compute != nil }

    /// Creates a field definition.
    /// - Parameters:
    ///   - name: The field's name.
    ///   - type: What values the field holds.
    ///   - required: Whether every task must have a value.
    ///   - defaultValue: The value a new task gets when it does not give one.
    ///   - min: The smallest allowed number.
    ///   - max: The largest allowed number.
    ///   - title: An optional human label.
    ///   - compute: The expression a computed field's value comes from.
    ///   - rollup: The children's field a roll-up field sums.
    ///   - lookup: The record a lookup field's value comes from.
    public init(
        name: String,
        type: FieldType,
        required: Bool = false,
        defaultValue: JSONValue? = nil,
        min: Double? = nil,
        max: Double? = nil,
        title: String? = nil,
        compute: ExpressionSource? = nil,
        rollup: FieldRollup? = nil,
        lookup: FieldLookup? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
        self.title = title
        self.compute = compute
        self.rollup = rollup
        self.lookup = lookup
    }
}

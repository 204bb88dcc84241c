extension ExpressionType {
    /// Whether every value of this type may be stored in a field of the given type, as a computed
    /// field's value must be.
    ///
    /// An `int` fits a `decimal` field; a `date` fits a `date`, `string` or `text` field; a string
    /// fits `string`, `text` and `user` fields but not a `date` or `enum` field, since its value is
    /// not known to be a date or one of the values; an enum fits an enum field that has all of its
    /// values. `null` fits anywhere: it clears the field.
    /// - Parameter fieldType: The declared type of the field the value would go into.
    func canBeStored(in fieldType: FieldType) -> Bool {
        switch (self, fieldType) {
        case (.null, _): true
        case (.int, .int), (.int, .decimal), (.decimal, .decimal), (.bool, .bool): true
        case (.date, .date), (.date, .string), (.date, .text): true
        case (.string, .string), (.string, .text), (.string, .user): true
        case (.enumeration, .string), (.enumeration, .text): true
        case (.enumeration(let values), .enumeration(let allowed)): Set(values).isSubset(of: allowed)
        case (.list(let items), .list(let itemType)): items != .null && items.canBeStored(in: itemType)
        default: false
        }
    }
}

import Postgres

extension PostgresRow {
    /// A text column holding one of `Value`'s raw values, such as a state or a channel.
    /// - Parameter table: The column's table, for the message.
    /// - Throws: `StoreError.corruptRow` for a value this build does not know.
    func decode<Value: RawRepresentable>(
        _ column: String, as type: Value.Type, in table: String
    ) throws -> Value where Value.RawValue == String {
        let text: String = try decode(column)
        guard let value = Value(rawValue: text) else { throw StoreError.corruptRow("\(table).\(column) = \(text)") }
        return value
    }
}

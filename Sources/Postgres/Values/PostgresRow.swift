/// One row of a query result, with values in PostgreSQL text format.
public struct PostgresRow: Sendable {
    /// Column names, shared by all rows of a result.
    let columns: PostgresColumns
    /// The row's values; `nil` is SQL NULL.
    public let values: [String?]

    /// The raw text of a column, or `nil` for NULL or an unknown column.
    public subscript(column: String) -> String? {
        guard let index = columns.index(of: column) else { return nil }
        return values[index]
    }

    /// Decodes a non-null column.
    /// - Throws: `PostgresError` of kind `.decoding` when the column is missing, NULL or malformed.
    public func decode<Value: PostgresDecodable>(
        _ column: String, as type: Value.Type = Value.self
    ) throws(PostgresError) -> Value {
        guard let value = try decode(column, as: Value?.self) else {
            throw PostgresError(kind: .decoding, message: "column \(column) is NULL")
        }
        return value
    }

    /// Decodes a nullable column.
    public func decode<Value: PostgresDecodable>(
        _ column: String, as type: Value?.Type = Value?.self
    ) throws(PostgresError) -> Value? {
        guard let index = columns.index(of: column) else {
            throw PostgresError(kind: .decoding, message: "result has no column \(column)")
        }
        guard let text = values[index] else { return nil }
        guard let value = Value(postgresText: text) else {
            throw PostgresError(
                kind: .decoding, message: "column \(column) is not a \(Value.self): \(text)")
        }
        return value
    }
}

/// The column names of a result, looked up by name.
struct PostgresColumns: Sendable {
    let names: [String]
    private let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() where indexByName[name] == nil {
            indexByName[name] = index
        }
        self.indexByName = indexByName
    }

    func index(of name: String) -> Int? { indexByName[name] }
}

/// The complete result of one statement.
public struct PostgresResult: Sendable {
    /// The rows returned, in order.
    public let rows: [PostgresRow]
    /// Rows affected by INSERT/UPDATE/DELETE (`PQcmdTuples`), or 0.
    public let affectedRows: Int

    /// The first row, if any.
    public var first: PostgresRow? { rows.first }
}

/// The type of a task field, as written after `type:` in a workflow file.
public indirect enum FieldType: Sendable, Hashable {
    /// A short single-line string.
    case string
    /// Free text.
    case text
    /// A whole number.
    case int
    /// Any number.
    case decimal
    /// `true` or `false`.
    case bool
    /// A calendar date written `YYYY-MM-DD`.
    case date
    /// A user name.
    case user
    /// A file attached to the task (its attachment id): set by uploading the file into the field
    /// (`POST /v1/tasks/{id}/attachments?field=`), never by a value sent as a field.
    case attachment
    /// One string out of a fixed list (`type: enum`, `values: [...]`).
    case enumeration([String])
    /// A list of values of one type (`type: list`, `items: string`).
    case list(FieldType)
}

extension FieldType: CustomStringConvertible {
    /// The type as it reads in a workflow file or an error message, e.g. `list of string`.
    public var description: String {
        switch self {
        case .string: "string"
        case .text: "text"
        case .int: "int"
        case .decimal: "decimal"
        case .bool: "bool"
        case .date: "date"
        case .user: "user"
        case .attachment: "attachment"
        case .enumeration: "enum"
        case .list(let items): "list of \(items)"
        }
    }
}

import Workflow

/// What `-o name` prints for a line: one identifier, such as `CMP-42`, that another command takes
/// as its argument (`opsline task list -o name | xargs -n1 opsline task show`).
public enum OutputName {
    /// The text at `path` in `line`: a member name, or several joined by dots for nested objects
    /// (`task.id` in a batch's result line); numbers are written as numbers. `nil` when the line
    /// has nothing there, or only `null`, an object or an array.
    ///
    /// - Parameters:
    ///   - line: One line the server sent.
    ///   - path: Where the name is, such as `id`, `name` or `task.id`.
    public static func of(_ line: JSONValue, at path: String) -> String? {
        var value = line
        for key in path.split(separator: ".") {
            guard let member = value[String(key)] else { return nil }
            value = member
        }
        switch value {
        case .string(let text): return text.isEmpty ? nil : text
        case .null, .object, .array: return nil
        default: return value.compactText
        }
    }
}

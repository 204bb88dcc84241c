import Foundation
import Workflow

/// One `--field key=value` argument of the command line.
///
/// The value is read as JSON when it is valid JSON, else taken as a string: `satisfaction=5`
/// sets the number 5, `urgent=true` a boolean, `tags=["a","b"]` an array, `code="007"` the string
/// `007`, and `customer=ACME` the string `ACME`. Only the first `=` separates key and value.
public struct FieldAssignment: Sendable, Hashable {
    /// The field's name.
    public var key: String
    /// The field's value.
    public var value: JSONValue

    /// Creates an assignment.
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }

    /// Parses `key=value`.
    ///
    /// - Parameter argument: The argument as typed.
    /// - Throws: ``FieldAssignmentError`` when there is no `=` or the key is empty.
    public init(parsing argument: String) throws(FieldAssignmentError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw FieldAssignmentError(argument: argument, reason: "expected key=value")
        }
        let key = argument[..<equals].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else {
            throw FieldAssignmentError(argument: argument, reason: "the field name is empty")
        }
        let text = String(argument[argument.index(after: equals)...])
        self.init(key: key, value: JSONValue(parsing: text) ?? .string(text))
    }

    /// Parses every `--field` argument into a fields object; a repeated key keeps its last value.
    ///
    /// - Throws: ``FieldAssignmentError`` for the first argument that is not `key=value`.
    public static func fields(
        _ arguments: [String]
    ) throws(FieldAssignmentError) -> [String:
        JSONValue]
    {
        var fields: [String: JSONValue] = [:]
        for argument in arguments {
            let assignment = try FieldAssignment(parsing: argument)
            fields[assignment.key] = assignment.value
        }
        return fields
    }
}

/// A `--field` argument that is not `key=value`: a usage error.
public struct FieldAssignmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The argument as typed.
    public var argument: String
    /// What is wrong with it.
    public var reason: String

    /// Creates the error.
    public init(argument: String, reason: String) {
        self.argument = argument
        self.reason = reason
    }

    /// `invalid --field 'x': expected key=value`.
    public var description: String {
        "invalid --field '\(argument)': \(reason)"
    }
}

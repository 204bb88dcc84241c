import Workflow

/// Typed access to a line's members, with 400 `bad_line` errors that name the line and field.
/// Used where `Decodable` cannot tell a missing member from an explicit `null` (PATCH).
struct LineObject {
    let line: Int
    let object: [String: JSONValue]
    let keys: Set<String>
    /// Where the object sits in the line (`channel`), for messages about its members
    /// (`channel.url`); empty at the top.
    var path = ""

    /// How messages name member `key`.
    private func name(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func rejectUnknownKeys() throws {
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw APIError.badLine(line, "unknown field '\(name(unknown))'").with(field: name(unknown))
        }
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else {
            throw APIError.badLine(line, "field '\(name(key))' is required").with(field: name(key))
        }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw APIError.badLine(line, "field '\(name(key))' must be a string").with(field: name(key))
        }
    }

    func optionalInt(_ key: String) throws -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case .int(let value)?: return Int(value)
        default: throw APIError.badLine(line, "field '\(name(key))' must be an integer").with(field: name(key))
        }
    }

    /// Absent → nil (leave as is); `null` → `.some(nil)` (clear); a string → set.
    func clearable(_ key: String) throws -> String?? {
        switch object[key] {
        case nil: return nil
        case .null?: return .some(nil)
        case .string(let value)?: return .some(value)
        default: throw APIError.badLine(line, "field '\(name(key))' must be a string or null").with(field: name(key))
        }
    }

    func optionalBool(_ key: String) throws -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw APIError.badLine(line, "field '\(name(key))' must be true or false").with(field: name(key))
        }
    }

    /// An object whose values are all strings (`{"wecom":"alice"}`), or nil when absent or null.
    func optionalStringMap(_ key: String) throws -> [String: String]? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let members)?:
            var map: [String: String] = [:]
            for (member, value) in members {
                guard case .string(let text) = value else {
                    throw APIError.badLine(line, "field '\(name(key)).\(member)' must be a string").with(
                        field: name(key))
                }
                map[member] = text
            }
            return map
        default:
            throw APIError.badLine(line, "field '\(name(key))' must be an object of strings").with(field: name(key))
        }
    }

    /// A list of strings, or nil when absent or null.
    func optionalStringList(_ key: String) throws -> [String]? {
        switch object[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            return try items.map { item in
                guard case .string(let text) = item else {
                    throw APIError.badLine(line, "field '\(name(key))' must be a list of strings").with(
                        field: name(key))
                }
                return text
            }
        default: throw APIError.badLine(line, "field '\(name(key))' must be a list of strings").with(field: name(key))
        }
    }

    /// The object under `key`, read the same way, or nil when absent or null.
    func optionalObject(_ key: String, keys: Set<String>) throws -> LineObject? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let members)?: return LineObject(line: line, object: members, keys: keys, path: name(key))
        default: throw APIError.badLine(line, "field '\(name(key))' must be an object").with(field: name(key))
        }
    }

    func fields() throws -> [String: JSONValue] {
        switch object["fields"] {
        case nil, .null?: return [:]
        case .object(let value)?: return value
        default: throw APIError.badLine(line, "field 'fields' must be an object").with(field: "fields")
        }
    }
}

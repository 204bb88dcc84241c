import ArgumentParser

/// `key=value` options such as `--team support=member` and `--chat wecom=alice.wang`.
enum KeyValueArgument {
    /// The pairs as a dictionary, or a `ValidationError` naming `option` for a malformed or
    /// repeated key.
    static func parse(_ items: [String], option: String, example: String) throws -> [String: String] {
        var pairs: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex,
                item.index(after: equals) != item.endIndex
            else {
                throw ValidationError("\(option) takes key=value, such as \(option) \(example); not '\(item)'")
            }
            let key = String(item[..<equals])
            guard pairs[key] == nil else { throw ValidationError("\(option) names '\(key)' twice") }
            pairs[key] = String(item[item.index(after: equals)...])
        }
        return pairs
    }
}

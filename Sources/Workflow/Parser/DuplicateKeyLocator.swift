import Yams

/// Finds the line of a repeated mapping key.
///
/// Yams refuses duplicate keys but reports the first occurrence; the offending node is the
/// repetition. This looks for the same key at the same indentation further down (block style),
/// or later on the same line (flow style), and falls back to the first occurrence.
enum DuplicateKeyLocator {
    /// The 1-based line of the second occurrence of `key`.
    static func line(ofRepeated key: String, firstAt mark: Mark, in source: String) -> Int {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
            Array($0.unicodeScalars.map(Character.init))
        }
        guard mark.line >= 1, mark.line <= lines.count else { return mark.line }
        let column = mark.column - 1
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map(Array.init)
        let first = lines[mark.line - 1]
        if column < first.count, containsFlowKey(spellings, in: first[column...].dropFirst(key.count)) {
            return mark.line
        }
        for index in mark.line..<lines.count {
            let text = lines[index]
            guard let start = text.firstIndex(where: { $0 != " " }), text[start] != "#" else { continue }
            if start < column { break }
            if start == column, startsWithKey(spellings, text[start...]) { return index + 1 }
        }
        return mark.line
    }

    private static func startsWithKey(
        _ spellings: [[Character]], _ text: ArraySlice<Character>
    )
        -> Bool
    {
        spellings.contains { spelling in
            guard text.starts(with: spelling) else { return false }
            return text.dropFirst(spelling.count).first(where: { $0 != " " }) == ":"
        }
    }

    private static func containsFlowKey(
        _ spellings: [[Character]], in text: ArraySlice<Character>
    )
        -> Bool
    {
        var rest = text
        while let separator = rest.firstIndex(where: { $0 == "," || $0 == "{" }) {
            rest = rest[(separator + 1)...].drop(while: { $0 == " " })
            if startsWithKey(spellings, rest) { return true }
        }
        return false
    }
}

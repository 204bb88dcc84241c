import Yams

/// Finds where a repeated mapping key is written.
///
/// Yams refuses duplicate keys but reports the first occurrence; the offending node is the
/// repetition. This looks for the same key at the same indentation further down (block style),
/// or later on the same line (flow style).
enum DuplicateKeyLocator {
    /// Where a key is written.
    struct Position: Equatable {
        /// The 1-based line.
        let line: Int
        /// The 1-based column of its first character (in Unicode scalars, as Yams counts).
        let column: Int
        /// How many Unicode scalars its spelling takes, quotes included.
        let length: Int
    }

    /// The second occurrence of `key`, or `nil` when it cannot be found.
    static func repetition(of key: String, firstAt mark: Mark, in source: String) -> Position? {
        let lines = self.lines(of: source)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let column = mark.column - 1
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.unicodeScalars) }
        let first = lines[mark.line - 1]
        if column < first.count,
            let found = flowKey(spellings, in: first[column...].dropFirst(key.unicodeScalars.count))
        {
            return Position(line: mark.line, column: found.start + 1, length: found.length)
        }
        for index in mark.line..<lines.count {
            let text = lines[index]
            guard let start = text.firstIndex(where: { $0 != " " }), text[start] != "#" else { continue }
            if start < column { break }
            if start == column, let length = keyLength(spellings, text[start...]) {
                return Position(line: index + 1, column: start + 1, length: length)
            }
        }
        return nil
    }

    /// The source's lines as Unicode scalars, split at every line feed.
    static func lines(of source: String) -> [[Unicode.Scalar]] {
        source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    /// The length of the spelling `text` starts with, when a `:` follows it.
    private static func keyLength(
        _ spellings: [[Unicode.Scalar]], _ text: ArraySlice<Unicode.Scalar>
    ) -> Int? {
        spellings.first { spelling in
            guard text.starts(with: spelling) else { return false }
            return text.dropFirst(spelling.count).first(where: { $0 != " " }) == ":"
        }?.count
    }

    /// The first key spelled as one of `spellings` after a `,` or `{` in `text`: its index in
    /// the line and its length.
    private static func flowKey(
        _ spellings: [[Unicode.Scalar]], in text: ArraySlice<Unicode.Scalar>
    ) -> (start: Int, length: Int)? {
        var rest = text
        while let separator = rest.firstIndex(where: { $0 == "," || $0 == "{" }) {
            rest = rest[(separator + 1)...].drop(while: { $0 == " " })
            if let length = keyLength(spellings, rest) { return (rest.startIndex, length) }
        }
        return nil
    }
}

/// A repeated mapping key set aside, so that the rest of a file can still be read and checked
/// after the repetition has been reported.
///
/// Yams refuses a whole document for one repeated key. ``YAMLDocument`` reports the repetition,
/// renames it in the text to a placeholder no file spells, and composes again; mappings then
/// leave placeholder entries out (``SourceNode/mapping(context:allowingNull:)``), so the first
/// occurrence is the one read. Lines stay where they were.
enum RepeatedKey {
    /// The first character of every placeholder: a private-use character, valid in YAML.
    private static let marker: Unicode.Scalar = "\u{E000}"

    /// Whether `key` is a placeholder for a repeated key.
    static func isSetAside(_ key: String) -> Bool {
        key.unicodeScalars.first == marker
    }

    /// `source` with the key written at `position` renamed to the `number`th placeholder.
    static func setAside(_ position: DuplicateKeyLocator.Position, in source: String, number: Int) -> String {
        var lines = DuplicateKeyLocator.lines(of: source)
        let start = position.column - 1
        lines[position.line - 1].replaceSubrange(
            start..<(start + position.length), with: "\(marker)repeated-\(number)".unicodeScalars)
        var text = String.UnicodeScalarView()
        for (index, line) in lines.enumerated() {
            if index > 0 { text.append("\n") }
            text.append(contentsOf: line)
        }
        return String(text)
    }
}

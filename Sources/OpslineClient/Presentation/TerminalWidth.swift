/// How many terminal columns text takes: East Asian wide and fullwidth characters (汉字, kana,
/// hangul, fullwidth forms, most emoji) take two, combining marks none, everything else one — so
/// tables of Chinese titles line up.
enum TerminalWidth {
    /// The columns `text` takes.
    static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The columns one character takes: that of its first scalar (the others combine with it).
    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.generalCategory == .nonspacingMark
            || scalar.properties.generalCategory == .enclosingMark
        {
            return 0
        }
        return isWide(scalar.value) ? 2 : 1
    }

    /// The longest prefix of `text` that fits in `columns`.
    static func prefix(of text: String, fitting columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = of(text[index])
            guard used + width <= columns else { break }
            used += width
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// The wide and fullwidth ranges of Unicode's East Asian Width property (UAX #11), coarsely.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F,  // Hangul Jamo initials
            0x2E80...0x303E,  // CJK radicals, punctuation (、。「」)
            0x3041...0x33FF,  // kana, bopomofo, CJK compatibility
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xA000...0xA4CF,  // Yi
            0xAC00...0xD7A3,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE30...0xFE4F,  // CJK compatibility forms
            0xFF00...0xFF60,  // fullwidth forms (，：￥)
            0xFFE0...0xFFE6,
            0x1F300...0x1F64F,  // emoji
            0x1F900...0x1F9FF,
            0x20000...0x3FFFD:  // CJK extensions B and later
            return true
        default:
            return false
        }
    }
}

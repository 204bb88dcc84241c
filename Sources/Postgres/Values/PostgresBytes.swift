/// Binary data for a `bytea` parameter or column.
///
/// Parameters and columns travel in PostgreSQL's text format (``PostgresBindable``), so the bytes
/// go as `bytea`'s hex form (`\x0a1b…`): twice their size on the wire, which suits files sent in
/// chunks of a few hundred kilobytes.
public struct PostgresBytes: Sendable, Hashable {
    /// The bytes.
    public var bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}

extension PostgresBytes: PostgresBindable {
    public var postgresText: String? {
        var text = [UInt8](repeating: 0, count: 2 + 2 * bytes.count)
        text[0] = UInt8(ascii: "\\")
        text[1] = UInt8(ascii: "x")
        for (index, byte) in bytes.enumerated() {
            text[2 + 2 * index] = Self.digits[Int(byte >> 4)]
            text[3 + 2 * index] = Self.digits[Int(byte & 0x0f)]
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension PostgresBytes: PostgresDecodable {
    /// Parses `bytea`'s hex output format (`bytea_output = 'hex'`, the default).
    public init?(postgresText: String) {
        let text = Array(postgresText.utf8)
        guard text.count >= 2, text.count % 2 == 0, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x")
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: (text.count - 2) / 2)
        for index in bytes.indices {
            guard let high = Self.value(of: text[2 + 2 * index]), let low = Self.value(of: text[3 + 2 * index])
            else { return nil }
            bytes[index] = high << 4 | low
        }
        self.bytes = bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

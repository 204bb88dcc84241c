// libyaml, as Yams builds it. Yams' own `Parser` hands out composed node trees only, and composing
// is what a hostile document makes expensive; the events, read here with the same parser, cost
// one step each. The module is Yams' C target (not a product of the package): SwiftPM gives every
// target the module maps of the C targets it depends on through its dependencies.
internal import CYaml

/// Reads a YAML document's parse events, without building nodes.
enum YAMLEventScan {
    /// What ``YAMLBounds`` needs to know of a parse event. Lines are 1-based.
    enum Event {
        /// A scalar, with the anchor it is labelled with and whether its value holds a NUL
        /// character (written as an escape such as `"\0"` or `"\u0000"`).
        case scalar(anchor: String?, line: Int, holdsNUL: Bool)
        /// An alias of the anchor `name`.
        case alias(name: String, line: Int)
        /// The start of a sequence or a mapping, with the anchor it is labelled with.
        case collectionStart(anchor: String?, line: Int)
        /// The end of the innermost open sequence or mapping.
        case collectionEnd
    }

    /// Hands every node event of `source` to `body`, in document order, until the stream ends,
    /// the YAML is broken (the events before the error are handed over), or `body` throws.
    /// - Returns: Whether the stream was read to its end: `false` when the YAML is broken.
    @discardableResult
    static func scan<Failure: Error>(
        _ source: String, _ body: (Event) throws(Failure) -> Void
    ) throws(Failure) -> Bool {
        var bytes = Array(source.utf8)
        // libyaml asserts that its input is not a null pointer, as an empty array's may be.
        guard !bytes.isEmpty else { return true }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return false }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(Failure) -> Bool in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                guard event.type != YAML_STREAM_END_EVENT else { return true }
                if let node = Self.event(event) { try body(node) }
            }
            return false
        }
    }

    /// The node event `event` is, or `nil` for a stream or document event.
    private static func event(_ event: yaml_event_t) -> Event? {
        let line = Int(event.start_mark.line) + 1
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = UnsafeBufferPointer(start: scalar.value, count: scalar.value == nil ? 0 : Int(scalar.length))
            return .scalar(anchor: text(scalar.anchor), line: line, holdsNUL: value.contains(0))
        case YAML_ALIAS_EVENT:
            return .alias(name: text(event.data.alias.anchor) ?? "", line: line)
        case YAML_SEQUENCE_START_EVENT:
            return .collectionStart(anchor: text(event.data.sequence_start.anchor), line: line)
        case YAML_MAPPING_START_EVENT:
            return .collectionStart(anchor: text(event.data.mapping_start.anchor), line: line)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return .collectionEnd
        default:
            return nil
        }
    }

    /// A NUL-terminated UTF-8 string of libyaml's, or `nil` for a null pointer.
    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

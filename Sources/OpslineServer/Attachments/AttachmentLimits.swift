/// What a server accepts as an attached file: its size and its media types.
struct AttachmentLimits: Sendable {
    /// The largest file accepted (`--attachment-max-size`; 25 MiB by default).
    var maximumBytes: Int64 = 25 << 20
    /// The media types accepted, and how each is recognised.
    var types = AttachmentTypes.standard

    /// `25 MiB`, `1 KiB`, or a number of bytes.
    static func describe(bytes: Int64) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

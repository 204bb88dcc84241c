import Hummingbird

/// The media types files may be uploaded as, and what a file of each must start with.
///
/// Viruses are not Opsline's to find, but a file is what it says it is: a `.pdf` starts with
/// `%PDF-`, an image with its format's signature, an office document or a zip with a zip's, and
/// a text is UTF-8 without NUL characters (checked on its first bytes). The dashboard serves a
/// download as an attachment with `nosniff`, never inline, so a browser never runs what it got.
struct AttachmentTypes: Sendable {
    /// How a file of a type is recognised.
    enum Signature: Sendable {
        /// Starts with one of these byte strings (at an offset: WebP's `WEBP` after `RIFF` and a size).
        case prefix([[UInt8]], offset: Int = 0)
        /// UTF-8 text without NUL.
        case text
        /// Whatever it is (a type with no fixed signature).
        case any
    }

    /// The types accepted, by lower-case media type.
    let accepted: [String: Signature]

    static let zip: Signature = .prefix([Array("PK\u{03}\u{04}".utf8), Array("PK\u{05}\u{06}".utf8)])

    /// The default: documents, spreadsheets, presentations, images, PDFs, text, CSV, JSON, mail
    /// and zip archives.
    static let standard = AttachmentTypes(accepted: [
        "application/pdf": .prefix([Array("%PDF-".utf8)]),
        "image/png": .prefix([[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        "image/jpeg": .prefix([[0xFF, 0xD8, 0xFF]]),
        "image/gif": .prefix([Array("GIF87a".utf8), Array("GIF89a".utf8)]),
        "image/webp": .prefix([Array("WEBP".utf8)], offset: 8),
        "text/plain": .text, "text/csv": .text, "text/markdown": .text, "application/json": .text,
        "message/rfc822": .text,
        "application/zip": zip,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": zip,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": zip,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": zip,
        "application/msword": .prefix([[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]]),
        "application/vnd.ms-excel": .prefix([[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]]),
    ])

    /// The media type of a `Content-Type` value (lower case, without parameters), if accepted.
    /// - Throws: 415 `unsupported_media_type` listing what is accepted.
    func mediaType(of header: String?) throws -> String {
        let mediaType = header?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let mediaType, accepted[mediaType] != nil else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message:
                    "files are accepted as \(accepted.keys.sorted().joined(separator: ", ")); not \(header ?? "without a Content-Type")"
            )
        }
        return mediaType
    }

    /// Checks that `head`, the first bytes of a file sent as `mediaType` (all of it when
    /// `isWholeFile`), is such a file.
    /// - Throws: 415 `unsupported_media_type` saying what the file is not.
    func check(_ head: [UInt8], as mediaType: String, isWholeFile: Bool) throws {
        switch accepted[mediaType] ?? .any {
        case .any: return
        case .prefix(let prefixes, let offset):
            let matches = prefixes.contains { prefix in
                head.count >= offset + prefix.count && Array(head[offset..<offset + prefix.count]) == prefix
            }
            if matches { return }
        case .text:
            if !head.contains(0), Self.isUTF8(head, mayEndInACharacter: !isWholeFile) { return }
        }
        throw APIError(
            .unsupportedMediaType, code: "unsupported_media_type",
            message: "the file is not \(mediaType): its first bytes are not what such a file starts with")
    }

    /// Whether `bytes` is UTF-8; when it is only the start of a file, its last character may be
    /// cut short.
    static func isUTF8(_ bytes: [UInt8], mayEndInACharacter: Bool) -> Bool {
        for cut in 0...(mayEndInACharacter ? min(3, bytes.count) : 0)
        where String(validating: bytes.dropLast(cut), as: UTF8.self) != nil {
            return true
        }
        return false
    }
}

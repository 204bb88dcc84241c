import Foundation

/// A request body that is one document with its content type, such as a workflow file sent as
/// `application/yaml`, or a file attached to a task.
public struct RequestDocument: Sendable, Hashable {
    /// The media type, such as `application/yaml`.
    public var contentType: String
    /// The document's text, sent as UTF-8 (when ``file`` is nil).
    public var text: String
    /// A file whose bytes are the body, read as they are sent (never all in memory).
    public var file: URL?

    /// Creates a document body.
    public init(contentType: String, text: String) {
        self.contentType = contentType
        self.text = text
    }

    /// A body of the bytes of `file`.
    public init(contentType: String, file: URL) {
        self.contentType = contentType
        self.text = ""
        self.file = file
    }
}

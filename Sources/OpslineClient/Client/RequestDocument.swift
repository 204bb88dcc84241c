/// A request body that is one document with its content type, such as a workflow file sent as
/// `application/yaml`.
public struct RequestDocument: Sendable, Hashable {
    /// The media type, such as `application/yaml`.
    public var contentType: String
    /// The document's text, sent as UTF-8.
    public var text: String

    /// Creates a document body.
    public init(contentType: String, text: String) {
        self.contentType = contentType
        self.text = text
    }
}

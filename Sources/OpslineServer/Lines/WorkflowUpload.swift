import Hummingbird
import NIOCore
import Workflow

/// The body of `PUT /v1/workflows/{name}`: one workflow document, as YAML or as JSON (JSON is
/// YAML too, so both are read by the same loader and keep their line numbers).
struct WorkflowUpload: Sendable {
    /// How the document is written.
    enum Format: String, Sendable {
        case yaml, json
    }

    /// The media types accepted, and how each is read.
    static let mediaTypes: [String: Format] = [
        "application/yaml": .yaml, "application/x-yaml": .yaml, "text/yaml": .yaml, "text/x-yaml": .yaml,
        "application/json": .json,
    ]
    /// The largest document accepted: a workflow is a page or two of YAML.
    static let limit = 1 << 20

    /// The document's text.
    let text: String
    /// How it is written.
    let format: Format

    /// Reads the body: YAML (`application/yaml`, `text/yaml`, or no content type) or JSON
    /// (`application/json`, which must be one JSON object).
    /// - Throws: 415 for another content type, 413 over 1 MiB, 408 when it is slow to arrive,
    ///   400 when it is not UTF-8 or not a JSON object.
    static func read(_ request: Request) async throws -> WorkflowUpload {
        let format = try format(of: request)
        let bytes = try await request.collectedBody(limit: limit)
        guard let text = String(validating: bytes.readableBytesView, as: UTF8.self) else {
            throw APIError.badRequest("the workflow document is not UTF-8 text")
        }
        guard format == .json else { return WorkflowUpload(text: text, format: format) }
        do {
            guard case .object = try JSONValue.parse(bytes.readableBytesView) else {
                throw APIError.badRequest("a JSON workflow document must be one JSON object")
            }
        } catch let error as JSONSyntaxError {
            throw APIError.badRequest("the workflow document is not valid JSON: \(error)")
        }
        // Valid JSON holds tabs only between tokens, where YAML may refuse them as indentation.
        return WorkflowUpload(text: text.replacingOccurrences(of: "\t", with: " "), format: format)
    }

    /// The format the content type names.
    private static func format(of request: Request) throws -> Format {
        guard let value = request.headers[.contentType] else { return .yaml }
        let mediaType = value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let mediaType, let format = mediaTypes[mediaType] else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "send a workflow as application/yaml (or text/yaml) or application/json, not \(value)")
        }
        return format
    }

    /// The document as a file whose messages read `<name>.yaml:LINE: …` (or `.json`).
    func file(named name: String) -> WorkflowSourceFile {
        WorkflowSourceFile(path: "\(name).\(format.rawValue)", text: text)
    }
}

import Foundation
import Hummingbird
import NIOCore

/// The fields of a posted HTML form (`application/x-www-form-urlencoded`).
struct FormBody: Sendable {
    /// The most bytes a form may have: the dashboard's forms are small.
    static let limit = 64 * 1024

    /// Every field in the order sent, decoded.
    let fields: [(name: String, value: String)]

    /// The first value of field `name`, if sent.
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    func text(_ name: String) -> String? {
        let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return value.isEmpty ? nil : value
    }

    /// The form in `text`; 400 for a field that is not valid percent-encoding.
    init(text: String) throws {
        fields = try text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) throws -> String {
                guard let value = part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw PageError.badRequest("The form is not valid URL encoding.")
                }
                return value
            }
            return (try decode(parts[0]), parts.count > 1 ? try decode(parts[1]) : "")
        }
    }

    /// The form posted with `request`; 400 when it is larger than ``limit`` or badly encoded.
    static func read(_ request: Request) async throws -> FormBody {
        var body = ByteBuffer()
        for try await chunk in request.body {
            guard body.readableBytes + chunk.readableBytes <= limit else {
                throw PageError.badRequest("The form is larger than \(limit / 1024) KiB.")
            }
            var chunk = chunk
            body.writeBuffer(&chunk)
        }
        return try FormBody(text: String(buffer: body))
    }
}

import Foundation
import NIOCore
import NIOFoundationCompat

/// The outcome of one command line of `POST /v1/events`:
/// `{"line":N,"status":S,"task":{…}}` or `{"line":N,"status":S,"error":{…}}`, with
/// `"replayed":true` when an idempotency key had already been applied.
public struct EventResult: Sendable, Hashable {
    /// The input line this result is for, counting from 1.
    public var line: Int
    /// The line's own HTTP status: `201` or `200` when applied, `400` and up when refused.
    public var status: Int
    /// The task after the change, when the line was applied.
    public var task: TaskLine?
    /// Why the line was refused, when it was.
    public var error: ErrorLine?
    /// Whether the server repeated the first outcome of an idempotency key instead of applying
    /// the line again.
    public var replayed: Bool
    /// The line exactly as the server wrote it, without its `\n`.
    public var text: String

    /// Creates a result.
    public init(
        line: Int, status: Int, task: TaskLine? = nil, error: ErrorLine? = nil,
        replayed: Bool = false, text: String = ""
    ) {
        self.line = line
        self.status = status
        self.task = task
        self.error = error
        self.replayed = replayed
        self.text = text
    }

    /// Whether the line was applied (its status is below 400).
    public var succeeded: Bool { status < 400 }

    /// Decodes one result line.
    ///
    /// - Throws: ``ClientError/server(status:code:message:details:)`` when the line is an error
    ///   line about the whole request (it has no `line` member), ``ClientError/badResponse(_:)``
    ///   when it is neither.
    static func decode(
        _ bytes: ByteBuffer, responseStatus: Int, decoder: JSONDecoder
    ) throws(ClientError) -> EventResult {
        let text = String(buffer: bytes)
        do {
            let payload = try decoder.decode(Payload.self, from: bytes)
            return EventResult(
                line: payload.line, status: payload.status, task: payload.task, error: payload.error,
                replayed: payload.replayed ?? false, text: text)
        } catch {
            if let failure = ErrorLine(parsing: text) {
                throw .server(
                    status: responseStatus, code: failure.code, message: failure.message,
                    details: failure.details)
            }
            let excerpt = text.count > 200 ? String(text.prefix(200)) + "…" : text
            throw .badResponse("a line is not an event result: \(excerpt)")
        }
    }

    /// The members of a result line; `error` is the error object under the line's own `error`
    /// key, which is exactly the shape ``ErrorLine`` decodes.
    private struct Payload: Decodable {
        var line: Int
        var status: Int
        var task: TaskLine?
        var error: ErrorLine?
        var replayed: Bool?

        enum CodingKeys: String, CodingKey {
            case line, status, task, error, replayed
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            line = try container.decode(Int.self, forKey: .line)
            status = try container.decode(Int.self, forKey: .status)
            task = try container.decodeIfPresent(TaskLine.self, forKey: .task)
            error = try container.contains(.error) ? ErrorLine(from: decoder) : nil
            replayed = try container.decodeIfPresent(Bool.self, forKey: .replayed)
            guard task != nil || error != nil else {
                throw DecodingError.dataCorruptedError(
                    forKey: .task, in: container, debugDescription: "neither 'task' nor 'error'")
            }
        }
    }
}

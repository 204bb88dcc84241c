import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Gives the `400` that Hummingbird answers a request it cannot parse (a malformed request line
/// or header) an error line, like every other refusal: `{"error":{"code":"bad_request",…}}`.
///
/// Hummingbird writes that answer itself, below the router, with an empty body and
/// `Connection: close`, then closes the connection. This handler sits between it and the HTTP
/// encoder (`HTTP1Channel.Configuration.additionalChannelHandlers`), notes the parser's error on
/// its way in, and fills in that answer's body on its way out. Only that answer is touched: a
/// `400` with an empty body, after a parse error.
final class ParseErrorLineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The error line for the parse error seen, until its answer's head goes out.
    private var pendingLine: ByteBuffer?
    /// The error line to write before the end of the answer whose head was rewritten.
    private var bodyToWrite: ByteBuffer?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError {
            pendingLine = NDJSON.buffer(
                APIError.badRequest("the request is not valid HTTP/1.1 (\(Self.describe(error)))").line)
        }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head)
        where pendingLine != nil && head.status == .badRequest
            && head.headerFields[.contentLength] == "0":
            let line = pendingLine!
            pendingLine = nil
            head.headerFields[.contentLength] = String(line.readableBytes)
            head.headerFields[.contentType] = NDJSON.contentType
            bodyToWrite = line
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where bodyToWrite != nil:
            context.write(wrapOutboundOut(.body(bodyToWrite!)), promise: nil)
            bodyToWrite = nil
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    /// What is wrong, in words: `invalid header token`, `invalid URL`.
    private static func describe(_ error: HTTPParserError) -> String {
        String(describing: error).replacing(#/([a-z])([A-Z])/#) { "\($0.1) \($0.2.lowercased())" }
            .lowercased()
    }
}

@available(*, unavailable)
extension ParseErrorLineHandler: Sendable {}

import NIOCore
import NIOHTTPTypes

/// Ends the reading of a request body that does not arrive in time, so that the route reading it
/// answers `408 timeout` (with an error line) rather than the connection being dropped silently,
/// and then closes the connection: the rest of that body will never be read.
///
/// The deadline counts from the request's head; the whole body must have arrived by then. When
/// it passes, the handler passes ``BodyDeadlineExceeded`` down the pipeline as an error, which
/// ends the request's body stream with that error: the route reading the body turns it into the
/// 408 (`Request.collectedBody`). A route that answered without reading the body (a 401, a
/// 413) has nothing left to say: the connection simply closes. Once the body has arrived no
/// deadline applies, however long the request is then processed.
///
/// It sits after HTTP decoding (`HTTP1Channel.Configuration.additionalChannelHandlers`), where a
/// request is a head, body parts and an end.
final class BodyDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long a request's body may take, from its head.
    private let timeout: TimeAmount
    /// The pending deadline, while a body is being read.
    private var deadline: Scheduled<Void>?
    /// Set once a deadline passed: the connection closes after the response now being written.
    private var expired = false

    /// - Parameter timeout: How long a request's body may take to arrive, from its head.
    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: armDeadline(context: context)
        case .end: cancelDeadline()
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard expired, case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        // The answer to the late body (408, or whatever was answered before) has been written:
        // the unread rest of the body must not be taken for the next request.
        let written = promise ?? context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        context.writeAndFlush(data, promise: written)
    }

    private func armDeadline(context: ChannelHandlerContext) {
        cancelDeadline()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            deadline = nil
            expired = true
            context.fireErrorCaught(BodyDeadlineExceeded(timeout: timeout))
        }
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension BodyDeadlineHandler: Sendable {}

/// A request body did not arrive within its deadline (`BodyDeadlineHandler`).
struct BodyDeadlineExceeded: Error {
    /// The deadline, counted from the request's head.
    let timeout: TimeAmount
}
